package vn.loa.broker.util;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedWarningTest {
    @Test
    void firstOccurrenceWarnsThenTheRestWaitForTheInterval() {
        RateLimitedWarning warning = new RateLimitedWarning(Duration.ofHours(1));
        assertThat(warning.occurred()).isEqualTo(1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(warning.occurred()).isZero();
        }
    }

    @Test
    void withoutAnIntervalEveryOccurrenceWarns() {
        RateLimitedWarning warning = new RateLimitedWarning(Duration.ZERO);
        assertThat(warning.occurred()).isEqualTo(1);
        assertThat(warning.occurred()).isEqualTo(1);
    }
}
