package vn.loa.streamer.source;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a live or relayed source's health from when audio last arrived and when it was last audible, and logs every
 * change. A relay is SILENT only for quiet audio that did arrive (a relay that receives nothing is DEAD after a
 * while, never SILENT); a live source has no DEAD, so nothing pushed counts as silence. The first frame, and the
 * first after a gap long enough to be DEAD, start the silence clock afresh. Frames are reported from the producing
 * thread; {@link #health()} may be asked from any thread.
 */
final class SourceHealthTracker {

    private static final Logger log = LoggerFactory.getLogger(SourceHealthTracker.class);
    static final long NEVER_DEAD = Long.MAX_VALUE;

    private final String description;
    private final LongSupplier nanoClock;
    private final SilenceRule silence;
    private final long silenceAfterNanos;
    private final long deadAfterNanos;
    private final AtomicReference<SourceHealth> lastReported = new AtomicReference<>(SourceHealth.PLAYING);
    private volatile long lastAudioNanos;
    private volatile long lastAudibleNanos;
    private volatile boolean heardAny;
    private volatile boolean ended;

    SourceHealthTracker(String description, SilenceRule silence, long deadAfterNanos, LongSupplier nanoClock) {
        this.description = description;
        this.nanoClock = nanoClock;
        this.silence = silence;
        this.silenceAfterNanos = silence.after().toNanos();
        this.deadAfterNanos = deadAfterNanos;
        long now = nanoClock.getAsLong();
        this.lastAudioNanos = now;
        this.lastAudibleNanos = now;
    }

    /** PLAYING, SILENT, or DEAD when no audio arrived for {@code deadAfter} (counted from creation at first). */
    static SourceHealthTracker forRelay(String description, SilenceRule silence, Duration deadAfter) {
        return new SourceHealthTracker(description, silence, deadAfter.toNanos(), System::nanoTime);
    }

    /** PLAYING or SILENT: a live source that receives nothing is silent, not dead. */
    static SourceHealthTracker forLive(String description, SilenceRule silence) {
        return new SourceHealthTracker(description, silence, NEVER_DEAD, System::nanoTime);
    }

    void frameArrived(short[] frame) {
        long now = nanoClock.getAsLong();
        boolean resumed = !heardAny || now - lastAudioNanos >= deadAfterNanos;
        if (resumed || silence.isAudible(frame)) {
            lastAudibleNanos = now;
        }
        lastAudioNanos = now;
        heardAny = true;
    }

    void end() {
        ended = true;
        report(SourceHealth.ENDED);
    }

    SourceHealth health() {
        SourceHealth current = judge(nanoClock.getAsLong());
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
        long quietUntil = deadAfterNanos == NEVER_DEAD ? now : lastAudioNanos;
        if (quietUntil - lastAudibleNanos >= silenceAfterNanos) {
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
