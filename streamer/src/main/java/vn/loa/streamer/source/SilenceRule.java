package vn.loa.streamer.source;

import java.time.Duration;
import java.util.Objects;

/**
 * When a source counts as {@link SourceHealth#SILENT}: its audio stayed below {@code thresholdDbfs} (RMS level of
 * every 20 ms frame) for at least {@code after}.
 */
public record SilenceRule(Duration after, double thresholdDbfs) {

    public static final Duration DEFAULT_AFTER = Duration.ofSeconds(10);
    public static final double DEFAULT_THRESHOLD_DBFS = -60.0;

    public SilenceRule {
        Objects.requireNonNull(after, "after");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("silence duration must be positive, got " + after);
        }
        if (!(thresholdDbfs < 0.0)) {
            throw new IllegalArgumentException("silence threshold must be below 0 dBFS, got " + thresholdDbfs);
        }
    }

    /** 10 s below -60 dBFS. */
    public static SilenceRule standard() {
        return new SilenceRule(DEFAULT_AFTER, DEFAULT_THRESHOLD_DBFS);
    }

    /** RMS level of 16-bit samples relative to full scale; negative infinity for digital silence. */
    static double levelDbfs(short[] samples) {
        double sumOfSquares = 0;
        for (short sample : samples) {
            double normalised = sample / 32768.0;
            sumOfSquares += normalised * normalised;
        }
        return 10 * Math.log10(sumOfSquares / samples.length);
    }

    boolean isAudible(short[] frame) {
        return levelDbfs(frame) >= thresholdDbfs;
    }
}
