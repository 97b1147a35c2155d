package vn.loa.controller.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SerialRateLimitTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void letsOneRequestPerSerialThroughPerInterval() {
        SerialRateLimit limit = new SerialRateLimit(INTERVAL);

        assertThat(limit.tryAcquire("A", T0)).isTrue();
        assertThat(limit.tryAcquire("A", T0.plusSeconds(4))).isFalse();
        assertThat(limit.tryAcquire("B", T0.plusSeconds(4))).isTrue();
        assertThat(limit.tryAcquire("A", T0.plusSeconds(5))).isTrue();
    }

    @Test
    void boundsTheSerialsItRemembers() {
        SerialRateLimit limit = new SerialRateLimit(INTERVAL);
        for (int i = 0; i < SerialRateLimit.MAX_TRACKED; i++) {
            assertThat(limit.tryAcquire("S-" + i, T0)).isTrue();
        }

        assertThat(limit.tryAcquire("FLOOD", T0.plusSeconds(1))).as("full of serials still inside their interval")
                .isFalse();
        assertThat(limit.tryAcquire("LATER", T0.plus(INTERVAL))).as("expired entries make room").isTrue();
    }
}
