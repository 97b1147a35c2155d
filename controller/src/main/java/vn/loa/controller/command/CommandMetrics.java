package vn.loa.controller.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import vn.loa.protocol.codec.RejectReason;

/**
 * {@code loa_command_latency_seconds} (issue to answer, histogram with percentiles),
 * {@code loa_command_results_total{status}} and {@code loa_mqtt_rejected_total{reason}} for dropped results.
 */
final class CommandMetrics {
    static final String LATENCY = "loa.command.latency";
    static final String RESULTS = "loa.command.results";
    /** Shared with the other inbound message handlers, which count their own rejections under it. */
    static final String REJECTED = "loa.mqtt.rejected";

    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<ResultStatus, Counter> results = new EnumMap<>(ResultStatus.class);

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(LATENCY)
                .description("Time from issuing a command to a device's answer")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        for (ResultStatus status : ResultStatus.values()) {
            if (status != ResultStatus.pending) {
                results.put(status, Counter.builder(RESULTS)
                        .description("Final command results per device, by status")
                        .tag("status", status.name())
                        .register(registry));
            }
        }
    }

    void result(DeviceResult result) {
        Counter counter = results.get(result.status());
        if (counter != null) {
            counter.increment();
        }
    }

    /** A device's answer arrived this long after the command was issued. */
    void answered(int latencyMs) {
        latency.record(Duration.ofMillis(latencyMs));
    }

    void rejected(RejectReason reason) {
        Counter.builder(REJECTED)
                .description("Inbound MQTT messages dropped, by reason")
                .tag("reason", reason.label())
                .register(registry)
                .increment();
    }
}
