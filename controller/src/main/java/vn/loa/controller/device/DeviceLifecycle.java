package vn.loa.controller.device;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.DevicePublisher;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.PasswordHasher;
import vn.loa.controller.http.ApiException;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Timing;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.message.Command;

/** An approver's decisions about a device: approve, reject, revoke, rotate its secret, let it provision again. */
public final class DeviceLifecycle {
    /** Ids of credentials commands, which are not tracked as operator commands: the secret must not be stored. */
    public static final String CREDENTIALS_ID_PREFIX = "cred-";

    private static final Logger log = LoggerFactory.getLogger(DeviceLifecycle.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeviceRepository devices;
    private final DevicePublisher publisher;
    private final LiveStateStore live;
    private final VerifiedSecrets verified;
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEVICE_ITERATIONS);
    private final AuditLog audit;
    private final Clock clock;

    public DeviceLifecycle(DeviceRepository devices, DevicePublisher publisher, LiveStateStore live,
                           VerifiedSecrets verified, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.publisher = publisher;
        this.live = live;
        this.verified = verified;
        this.audit = audit;
        this.clock = clock;
    }

    /** The credentials command sent to a device; its new secret takes over when the device reconnects with it. */
    public record Rotation(String deviceId, String commandId, Instant expiresAt) {
    }

    /** Pending to active; the device gets its credentials the next time it asks. {@code areaId} places it. */
    public void approve(Device device, Long areaId, Caller caller) {
        Long area = areaId != null ? areaId : device.areaId();
        if (area == null) {
            throw ApiException.badRequest("an area is required to approve a device", "give areaId");
        }
        change(device, DeviceStatus.pending, DeviceStatus.active, area);
        audit.record(caller.username(), "device.approve", target(device), "area " + area);
    }

    public void reject(Device device, String reason, Caller caller) {
        change(device, DeviceStatus.pending, DeviceStatus.rejected, null);
        audit.record(caller.username(), "device.reject", target(device), reason);
    }

    /** Withdraws the device's secrets, disconnects it now and clears its retained state. */
    public void revoke(Device device, Caller caller) {
        if (device.status() == DeviceStatus.revoked) {
            throw ApiException.conflict("the device is already revoked", null);
        }
        devices.clearCredentials(device.id(), DeviceStatus.revoked, clock.instant());
        cutOff(device.id());
        logFailure(publisher.publish(OutboundMessage.clearRetained(Topics.device(device.id(), DeviceTopic.STATE))),
                "clear the retained state of", device.id());
        audit.record(caller.username(), "device.revoke", target(device), null);
    }

    /** Sends an online device a new secret; the old one works until the device connects with the new one. */
    public Rotation rotate(Device device, Caller caller) {
        if (device.status() != DeviceStatus.active || !device.hasCredentials()) {
            throw ApiException.conflict("only an active device with credentials can rotate them",
                    device.status().name());
        }
        if (!live.isOnline(device.id())) {
            throw ApiException.conflict("the device is offline: it cannot receive a new secret", null);
        }
        String secret = PasswordHasher.newSecret();
        Instant now = clock.instant();
        devices.setPendingSecret(device.id(), hasher.hash(secret), now);
        verified.forget(device.id());
        String commandId = CREDENTIALS_ID_PREFIX + randomToken();
        Instant expires = now.plusSeconds(Timing.DEFAULT_COMMAND_EXPIRY_SECONDS);
        byte[] payload = MessageCodec.encode(Command.credentials(commandId, secret, expires.toEpochMilli()));
        logFailure(publisher.publish(OutboundMessage.command(Topics.device(device.id(), DeviceTopic.COMMAND), payload,
                Timing.DEFAULT_COMMAND_EXPIRY_SECONDS, commandId.getBytes(StandardCharsets.UTF_8))),
                "send new credentials to", device.id());
        audit.record(caller.username(), "device.credentials.rotate", target(device), "command " + commandId);
        return new Rotation(device.id(), commandId, expires);
    }

    /** For a device that lost its secret: clears it, so the serial may provision once more. */
    public void reprovision(Device device, Caller caller) {
        if (device.status() != DeviceStatus.active && device.status() != DeviceStatus.revoked) {
            throw ApiException.conflict("only an active or revoked device can be reprovisioned", device.status().name());
        }
        devices.clearCredentials(device.id(), DeviceStatus.active, clock.instant());
        cutOff(device.id());
        audit.record(caller.username(), "device.reprovision", target(device), null);
    }

    private void change(Device device, DeviceStatus from, DeviceStatus to, Long areaId) {
        if (device.status() != from || !devices.transition(device.id(), from, to, areaId, clock.instant())) {
            throw ApiException.conflict("the device is not " + from.name(), device.status().name());
        }
    }

    private void cutOff(String deviceId) {
        verified.forget(deviceId);
        live.offline(deviceId);
        logFailure(publisher.disconnect(deviceId), "disconnect", deviceId);
    }

    private static void logFailure(CompletableFuture<Void> action, String what, String deviceId) {
        action.whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("could not {} device {}", what, deviceId, failure);
            }
        });
    }

    private static String target(Device device) {
        return "device:" + device.id();
    }

    private static String randomToken() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
