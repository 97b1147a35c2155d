package vn.loa.protocol.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    /** The limit a receiver decodes each kind with; the provisioning reply has only the broker's packet limit. */
    private static final Map<Class<? extends WireMessage>, Integer> LIMITS = Map.of(
            DeviceState.class, PayloadLimits.STATE_BYTES,
            Telemetry.class, PayloadLimits.TELEMETRY_BYTES,
            DeviceEvent.class, PayloadLimits.EVENT_BYTES,
            CommandResult.class, PayloadLimits.RESULT_BYTES,
            Command.class, PayloadLimits.COMMAND_BYTES,
            DesiredState.class, PayloadLimits.DESIRED_BYTES,
            ProvisionRequest.class, PayloadLimits.PROVISION_REQUEST_BYTES,
            ProvisionReply.class, PayloadLimits.MAX_PACKET_BYTES);

    private MessageKinds() {
    }

    public static int limitFor(Class<? extends WireMessage> type) {
        Integer limit = LIMITS.get(type);
        if (limit == null) {
            throw new IllegalArgumentException("no payload limit known for " + type.getSimpleName());
        }
        return limit;
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
