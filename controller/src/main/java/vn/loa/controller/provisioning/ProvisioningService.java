package vn.loa.controller.provisioning;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.DevicePublisher;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.PasswordHasher;
import vn.loa.controller.device.AreaDirectory;
import vn.loa.controller.device.Device;
import vn.loa.controller.device.DeviceDetails;
import vn.loa.controller.device.DeviceIds;
import vn.loa.controller.device.DeviceRepository;
import vn.loa.controller.device.DeviceStatus;
import vn.loa.controller.device.InboundRejections;
import vn.loa.controller.device.ProvisionRequests;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.codec.RejectReason;
import vn.loa.protocol.message.ProvisionReply;
import vn.loa.protocol.message.ProvisionRequest;

/**
 * Answers speakers that connect with the provisioning key. A serial an installer imported gets its credentials
 * at once; an unknown one waits as pending for an approver; credentials are handed out only once.
 */
public final class ProvisioningService implements ProvisionRequests {
    /** One request per serial per this; more are dropped (a device retries after {@code retryAfter}). */
    public static final Duration MIN_REQUEST_INTERVAL = Duration.ofSeconds(5);
    /** A reply nobody picked up within this is useless: the device will have asked again. */
    public static final int REPLY_EXPIRY_SECONDS = 60;
    public static final String ALREADY_PROVISIONED = "already-provisioned";
    private static final String ACTOR = "provisioning";
    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);

    private final DeviceRepository devices;
    private final AreaDirectory areas;
    private final DevicePublisher publisher;
    private final InboundRejections rejections;
    private final AuditLog audit;
    private final ProvisioningOutcomes outcomes;
    private final Clock clock;
    private final int retryAfterSeconds;
    private final SerialRateLimit rateLimit = new SerialRateLimit(MIN_REQUEST_INTERVAL);
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEVICE_ITERATIONS);

    public ProvisioningService(DeviceRepository devices, AreaDirectory areas, DevicePublisher publisher,
                               InboundRejections rejections, AuditLog audit, MeterRegistry meters, Clock clock,
                               int retryAfterSeconds) {
        if (retryAfterSeconds < MIN_REQUEST_INTERVAL.toSeconds()) {
            throw new IllegalArgumentException("a pending device must not be told to ask again sooner than the "
                    + MIN_REQUEST_INTERVAL.toSeconds() + " s rate limit");
        }
        this.retryAfterSeconds = retryAfterSeconds;
        this.devices = devices;
        this.areas = areas;
        this.publisher = publisher;
        this.rejections = rejections;
        this.audit = audit;
        this.outcomes = new ProvisioningOutcomes(meters);
        this.clock = clock;
    }

    @Override
    public void onProvisionRequest(String serial, byte[] payload) {
        Instant now = clock.instant();
        if (!rateLimit.tryAcquire(serial, now)) {
            outcomes.count(ProvisioningOutcomes.RATE_LIMITED);
            return;
        }
        ProvisionRequest request;
        try {
            request = MessageCodec.decode(payload, ProvisionRequest.class, PayloadLimits.PROVISION_REQUEST_BYTES);
            if (!request.serial().equals(serial)) {
                throw new InvalidMessageException(RejectReason.INVALID_FIELD, "serial differs from the topic's");
            }
        } catch (InvalidMessageException e) {
            rejections.reject(e.reason(), "provisioning " + serial, e.getMessage());
            outcomes.count(ProvisioningOutcomes.INVALID);
            return;
        }
        ProvisionReply reply = answer(request, now);
        outcomes.count(reply.status().name());
        byte[] encoded = MessageCodec.encode(reply);
        publisher.publish(new OutboundMessage(Topics.provisionReply(serial), encoded, 1, false, REPLY_EXPIRY_SECONDS,
                        null))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        log.warn("could not send the provisioning reply to serial {}", serial, failure);
                    }
                });
    }

    private ProvisionReply answer(ProvisionRequest request, Instant now) {
        Optional<Device> known = devices.findBySerial(request.serial());
        if (known.isEmpty()) {
            return registerPending(request, now);
        }
        Device device = known.get();
        return switch (device.status()) {
            case registered -> issue(device, request, now);
            case pending -> ProvisionReply.pending(retryAfterSeconds);
            case active -> device.hasCredentials() ? ProvisionReply.rejected(ALREADY_PROVISIONED)
                    : issue(device, request, now);
            case rejected, revoked -> ProvisionReply.rejected(device.status().name());
        };
    }

    private ProvisionReply issue(Device device, ProvisionRequest request, Instant now) {
        String secret = PasswordHasher.newSecret();
        devices.issueCredentials(device.id(), hasher.hash(secret), request.model(), request.firmware(),
                request.imei(), request.iccid(), now);
        audit.record(ACTOR, "device.provision", "device:" + device.id(), "serial " + device.serial());
        log.info("issued credentials to device {} (serial {})", device.id(), device.serial());
        return ProvisionReply.approved(device.id(), secret);
    }

    private ProvisionReply registerPending(ProvisionRequest request, Instant now) {
        String hint = request.area();
        Long area = hint == null ? null : areas.idOfCode(hint).orElse(null);
        String id = DeviceIds.next();
        try {
            devices.insert(id, request.serial(), DeviceStatus.pending, area, hint,
                    new DeviceDetails(null, request.model(), null, null, request.imei(), request.iccid()),
                    request.firmware(), now);
        } catch (UnableToExecuteStatementException e) {
            if (devices.findBySerial(request.serial()).isEmpty()) {
                throw e;
            }
            return ProvisionReply.pending(retryAfterSeconds);
        }
        audit.record(ACTOR, "device.pending", "device:" + id,
                "serial " + request.serial() + (hint == null ? "" : ", area hint " + hint));
        log.info("serial {} is waiting for approval as device {}", request.serial(), id);
        return ProvisionReply.pending(retryAfterSeconds);
    }
}
