package vn.loa.streamer.source;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RelaySource} judges and retries its URL.
 *
 * @param silenceAfter         decoded audio below {@code silenceThresholdDbfs} for this long: SILENT
 * @param deadAfter            no decoded audio at all for this long (refused, 404, stalled): DEAD; a network read
 *                             times out after half of it, so a stalled server is replaced before it counts as dead
 * @param reconnectMin         first wait before reconnecting; doubles on every failure
 * @param reconnectMax         longest wait between reconnects
 * @param silenceThresholdDbfs RMS level under which a frame counts as silent
 */
public record RelaySettings(Duration silenceAfter, Duration deadAfter, Duration reconnectMin, Duration reconnectMax,
                            double silenceThresholdDbfs) {

    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(500);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);

    public RelaySettings {
        requirePositive(deadAfter, "deadAfter");
        requirePositive(reconnectMin, "reconnectMin");
        requirePositive(reconnectMax, "reconnectMax");
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException(
                    "reconnectMax " + reconnectMax + " is shorter than reconnectMin " + reconnectMin);
        }
        new SilenceRule(silenceAfter, silenceThresholdDbfs); // validates both
    }

    /** Silent after 10 s below -60 dBFS, dead after 5 s without audio, reconnects between 0.5 s and 30 s apart. */
    public static RelaySettings defaults() {
        return new RelaySettings(SilenceRule.DEFAULT_AFTER, DEFAULT_DEAD_AFTER, DEFAULT_RECONNECT_MIN,
                DEFAULT_RECONNECT_MAX, SilenceRule.DEFAULT_THRESHOLD_DBFS);
    }

    public SilenceRule silenceRule() {
        return new SilenceRule(silenceAfter, silenceThresholdDbfs);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
