package vn.loa.controller.provisioning;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.loa.protocol.message.ProvisionReply;

/** {@code loa_provisioning_total{result}}: every provisioning request, by how it ended. */
final class ProvisioningOutcomes {
    static final String INVALID = "invalid";
    static final String RATE_LIMITED = "rate-limited";

    private final Map<String, Counter> counters;

    ProvisioningOutcomes(MeterRegistry meters) {
        List<String> results = new ArrayList<>(List.of(INVALID, RATE_LIMITED));
        for (ProvisionReply.Status status : ProvisionReply.Status.values()) {
            results.add(status.name());
        }
        counters = results.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                r -> Counter.builder("loa.provisioning").tag("result", r)
                        .description("provisioning requests by result").register(meters)));
    }

    void count(String result) {
        counters.get(result).increment();
    }
}
