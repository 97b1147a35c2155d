package vn.loa.streamer.source;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a live or relayed source's health from when audio last arrived and when it was last audible, and logs every
 * change. Frames are reported from the producing thread; {@link #health()} may be asked from any thread.
 */
final class SourceHealthTracker {

    private static final Logger log = LoggerFactory.getLogger(SourceHealthTracker.class);
    private static final long NEVER_DEAD = Long.MAX_VALUE;

    private final String description;
    private final SilenceRule silence;
    private final long silenceAfterNanos;
    private final long deadAfterNanos;
    private final AtomicReference<SourceHealth> lastReported = new AtomicReference<>(SourceHealth.PLAYING);
    private volatile long lastAudioNanos;
    private volatile long lastAudibleNanos;
    private volatile boolean ended;

    private SourceHealthTracker(String description, SilenceRule silence, long deadAfterNanos) {
        this.description = description;
        this.silence = silence;
        this.silenceAfterNanos = silence.after().toNanos();
        this.deadAfterNanos = deadAfterNanos;
        long now = System.nanoTime();
        this.lastAudioNanos = now;
        this.lastAudibleNanos = now;
    }

    /** PLAYING, SILENT, or DEAD when no audio arrived for {@code deadAfter} (counted from creation at first). */
    static SourceHealthTracker forRelay(String description, SilenceRule silence, Duration deadAfter) {
        return new SourceHealthTracker(description, silence, deadAfter.toNanos());
    }

    /** PLAYING or SILENT: a live source that receives nothing is silent, not dead. */
    static SourceHealthTracker forLive(String description, SilenceRule silence) {
        return new SourceHealthTracker(description, silence, NEVER_DEAD);
    }

    void frameArrived(short[] samples, int count) {
        long now = System.nanoTime();
        lastAudioNanos = now;
        if (silence.isAudible(samples, count)) {
            lastAudibleNanos = now;
        }
    }

    void end() {
        ended = true;
        report(SourceHealth.ENDED);
    }

    SourceHealth health() {
        SourceHealth current = judge(System.nanoTime());
        report(current);
        return current;
    }

    private SourceHealth judge(long now) {
        if (ended) {
            return SourceHealth.ENDED;
        }
        if (now - lastAudioNanos >= deadAfterNanos) {
            return SourceHealth.DEAD;
        }
        if (now - lastAudibleNanos >= silenceAfterNanos) {
            return SourceHealth.SILENT;
        }
        return SourceHealth.PLAYING;
    }

    private void report(SourceHealth current) {
        SourceHealth previous = lastReported.getAndSet(current);
        if (previous == current) {
            return;
        }
        if (current == SourceHealth.SILENT || current == SourceHealth.DEAD) {
            log.warn("Source {} is now {} (was {})", description, current, previous);
        } else {
            log.info("Source {} is now {} (was {})", description, current, previous);
        }
    }
}
