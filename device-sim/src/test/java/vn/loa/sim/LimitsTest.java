package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.Timing;
import vn.loa.protocol.message.CommandResult;

/** The named limits of the simulator hold at their edges. */
class LimitsTest {
    private static FleetOptions.Builder base() {
        return FleetOptions.builder().provisioningKey("k");
    }

    @Test
    void fleetSizeIsBounded() {
        assertThat(base().count(FleetOptions.MAX_SPEAKERS).build().count()).isEqualTo(FleetOptions.MAX_SPEAKERS);
        assertThatThrownBy(() -> base().count(FleetOptions.MAX_SPEAKERS + 1))
                .hasMessageContaining("count must be within 1.." + FleetOptions.MAX_SPEAKERS);
        assertThatThrownBy(() -> base().count(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rampRateTelemetryPeriodAndWillDelayAreBounded() {
        assertThat(base().rampRate(FleetOptions.MAX_RAMP_RATE).build().rampRate()).isEqualTo(FleetOptions.MAX_RAMP_RATE);
        assertThatThrownBy(() -> base().rampRate(FleetOptions.MAX_RAMP_RATE + 1)).hasMessageContaining("ramp rate");
        assertThatThrownBy(() -> base().rampRate(0)).hasMessageContaining("ramp rate");
        assertThat(base().telemetryPeriod(FleetOptions.MIN_TELEMETRY_PERIOD).build().telemetryPeriod())
                .isEqualTo(FleetOptions.MIN_TELEMETRY_PERIOD);
        assertThatThrownBy(() -> base().telemetryPeriod(Duration.ofMillis(999))).hasMessageContaining("telemetry");
        assertThat(base().willDelaySeconds(Timing.MAX_WILL_DELAY_SECONDS).build().willDelaySeconds())
                .isEqualTo(Timing.MAX_WILL_DELAY_SECONDS);
        assertThatThrownBy(() -> base().willDelaySeconds(Timing.MAX_WILL_DELAY_SECONDS + 1))
                .hasMessageContaining("will delay");
    }

    @Test
    void sessionOutlivesTheLongestWillDelay() {
        assertThat(SimulatedSpeaker.SESSION_EXPIRY_SECONDS).isGreaterThanOrEqualTo(Timing.MAX_WILL_DELAY_SECONDS);
    }

    @Test
    void serialsMustBeValidAndDistinct() {
        assertThatThrownBy(() -> base().serials(List.of("A-1", "A-1"))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> base().serials(List.of("bad serial")).build()).hasMessageContaining("not a valid serial");
        assertThatThrownBy(() -> base().serials(List.of("UPPER.DOT")).bareTopic("t").build())
                .hasMessageContaining("bare mode");
        assertThat(base().count(2).serials("X-", 7).build().serials()).containsExactly("X-000007", "X-000008");
    }

    @Test
    void faultRatesAndSharesAreBounded() {
        assertThatThrownBy(() -> Faults.NONE.withDisconnectsPerHour(Faults.MAX_EVENTS_PER_HOUR + 1))
                .hasMessageContaining("disconnectsPerHour");
        assertThatThrownBy(() -> Faults.NONE.withNeverAckShare(1.5)).hasMessageContaining("neverAckShare");
        assertThatThrownBy(() -> Faults.NONE.withNeverAckShare(0.6).withSlowAcks(0.6, Duration.ofSeconds(1)))
                .hasMessageContaining("must not exceed 1");
        assertThatThrownBy(() -> Faults.NONE.withSlowAcks(0.1, Duration.ofSeconds(-1)))
                .hasMessageContaining("slowAckDelay");
    }

    @Test
    void backoffGrowsWithJitterBetweenFloorAndCeilingAndResets() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new Random(3));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        for (int attempt = 1; attempt < 40; attempt++) {
            Duration ceiling = Duration.ofSeconds(Math.min(8, 1L << Math.min(attempt, 10)));
            assertThat(backoff.next()).isBetween(Duration.ofSeconds(1), ceiling);
        }
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void recentResultsForgetTheOldestBeyondCapacity() {
        RecentResults recent = new RecentResults(2);
        recent.put("a", CommandResult.ok("a"));
        recent.put("b", CommandResult.ok("b"));
        recent.put("c", CommandResult.ok("c"));
        assertThat(recent.get("a")).isNull();
        assertThat(recent.get("c")).isEqualTo(CommandResult.ok("c"));
    }

    @Test
    void latencySamplesAreBoundedAndSummarised() {
        LatencySamples samples = new LatencySamples();
        for (int i = 1; i <= LatencySamples.MAX_SAMPLES + 5; i++) {
            samples.record(Duration.ofMillis(i % 100 + 1).toNanos());
        }
        LatencySamples.Summary s = samples.summary();
        assertThat(s.count()).isEqualTo(LatencySamples.MAX_SAMPLES);
        assertThat(s.skipped()).isEqualTo(5);
        assertThat(s.p50Millis()).isEqualTo(50.0);
        assertThat(s.p99Millis()).isEqualTo(99.0);
        assertThat(s.maxMillis()).isEqualTo(100.0);
    }

    @Test
    void commandIdIsReadFromInvalidCommandsOnlyWhenWellFormed() {
        assertThat(CommandIds.readable("{\"id\":\"c-1\",\"v\":2}".getBytes())).isEqualTo("c-1");
        assertThat(CommandIds.readable("{\"id\":\"has space\"}".getBytes())).isNull();
        assertThat(CommandIds.readable("{\"id\":7}".getBytes())).isNull();
        assertThat(CommandIds.readable("[1,2]".getBytes())).isNull();
        assertThat(CommandIds.readable("{not json".getBytes())).isNull();
    }
}
