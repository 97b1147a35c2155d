package vn.loa.protocol.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandResult;
import vn.loa.protocol.message.DesiredState;
import vn.loa.protocol.message.DeviceEvent;
import vn.loa.protocol.message.DeviceState;
import vn.loa.protocol.message.ProvisionReply;
import vn.loa.protocol.message.ProvisionRequest;
import vn.loa.protocol.message.Telemetry;
import vn.loa.protocol.message.WireMessage;

/** Test helper: every message record of the protocol and the size limit its receiver applies. */
public final class MessageKinds {
    private MessageKinds() {
    }

    /**
     * The limit a receiver decodes this kind with. The provisioning reply has no finer limit than the broker's
     * packet limit.
     */
    public static int limitFor(Class<? extends WireMessage> type) {
        if (type == DeviceState.class) {
            return PayloadLimits.STATE_BYTES;
        } else if (type == Telemetry.class) {
            return PayloadLimits.TELEMETRY_BYTES;
        } else if (type == DeviceEvent.class) {
            return PayloadLimits.EVENT_BYTES;
        } else if (type == CommandResult.class) {
            return PayloadLimits.RESULT_BYTES;
        } else if (type == Command.class) {
            return PayloadLimits.COMMAND_BYTES;
        } else if (type == DesiredState.class) {
            return PayloadLimits.DESIRED_BYTES;
        } else if (type == ProvisionRequest.class) {
            return PayloadLimits.PROVISION_REQUEST_BYTES;
        } else if (type == ProvisionReply.class) {
            return PayloadLimits.MAX_PACKET_BYTES;
        }
        throw new IllegalArgumentException("no payload limit known for " + type.getSimpleName());
    }

    /** Every record implementing {@link WireMessage} in the message package, found on the class path. */
    public static List<Class<? extends WireMessage>> all() {
        String pkg = WireMessage.class.getPackageName();
        try (Stream<Path> files = Files.list(packageDirectory())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> load(pkg + "." + name.substring(0, name.length() - ".class".length())))
                    .filter(c -> c.isRecord() && WireMessage.class.isAssignableFrom(c))
                    .<Class<? extends WireMessage>>map(c -> c.asSubclass(WireMessage.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path packageDirectory() {
        try {
            Path root = Path.of(WireMessage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(WireMessage.class.getPackageName().replace('.', '/'));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
