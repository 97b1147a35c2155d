package vn.loa.controller.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.codec.RejectReason;

/**
 * Counts dropped inbound messages by reason in {@code loa_mqtt_rejected_total} and logs them, at most one line per
 * {@link #LOG_INTERVAL} so a misbehaving fleet cannot flood the log; the next line says how many were not logged.
 */
public final class InboundRejections {
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(InboundRejections.class);

    private final Map<RejectReason, Counter> counters = new EnumMap<>(RejectReason.class);
    private final Clock clock;
    private final AtomicLong unlogged = new AtomicLong();
    private volatile Instant nextLog = Instant.MIN;

    public InboundRejections(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        for (RejectReason reason : RejectReason.values()) {
            counters.put(reason, Counter.builder("loa.mqtt.rejected").tag("reason", reason.label())
                    .description("inbound MQTT messages dropped, by reason").register(meters));
        }
    }

    /** {@code source} names the sender and topic, {@code detail} what was wrong (never a secret). */
    public void reject(RejectReason reason, String source, String detail) {
        counters.get(reason).increment();
        Instant now = clock.instant();
        if (now.isBefore(nextLog)) {
            unlogged.incrementAndGet();
            return;
        }
        nextLog = now.plus(LOG_INTERVAL);
        log.warn("dropped message from {}: {} ({}); {} more dropped since the last line", source, reason.label(),
                detail, unlogged.getAndSet(0));
    }
}
