package vn.loa.bench.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import vn.loa.bench.support.TonePcm;
import vn.loa.sim.audio.PlayoutSamples;

/**
 * When a simulated speaker played a given sample of its WAV recording. The recording holds one frame per playout
 * slot from the first frame played on (concealed frames included), so sample p played at base + p / 48 kHz.
 * The speaker reports the instant of its first frame only to the millisecond, and the exact hand-off instant
 * of a few sampled frames; each sampled frame fixes its slot (to the nearest frame from the first-frame instant)
 * and so the base. Their median is used: hand-offs happen on the speaker's 5 ms loop ticks.
 */
final class PlayoutTimeline {
    private final long baseEpochNanos;

    private PlayoutTimeline(long baseEpochNanos) {
        this.baseEpochNanos = baseEpochNanos;
    }

    static PlayoutTimeline of(long firstFrameEpochNanos, int frameMillis, List<PlayoutSamples.Sample> handed) {
        long frameNanos = frameMillis * 1_000_000L;
        List<Long> bases = new ArrayList<>();
        for (PlayoutSamples.Sample s : handed) {
            long slot = Math.round((double) (s.epochNanos() - firstFrameEpochNanos) / frameNanos);
            bases.add(s.epochNanos() - slot * frameNanos);
        }
        if (bases.isEmpty()) {
            return new PlayoutTimeline(firstFrameEpochNanos);
        }
        Collections.sort(bases);
        return new PlayoutTimeline(bases.get(bases.size() / 2));
    }

    long epochNanosOfSample(long sampleIndex) {
        return baseEpochNanos + sampleIndex * 1_000_000_000L / TonePcm.SAMPLE_RATE;
    }
}
