package vn.loa.sim.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * The instants at which a speaker played a sample of its frames: those whose 32-bit RTP timestamp divided by
 * the frame length is a multiple of {@link #SAMPLE_EVERY_MILLIS} worth of frames, so every speaker of a stream
 * samples the same frames. Keeps the last {@link #CAPACITY}. Written by the audio loop, read by anyone.
 */
public final class PlayoutSamples {
    /** One sampled frame per half second of audio. */
    static final int SAMPLE_EVERY_MILLIS = 500;
    /** The last 8 s at one sample per half second. */
    static final int CAPACITY = 16;

    /** Frame {@code timestamp} (as on the wire) was handed to the DAC at {@code epochNanos}. */
    public record Sample(long timestamp, long epochNanos) {
    }

    private final long samplesPerFrame;
    private final long framesPerSample;
    private final long[] timestamps = new long[CAPACITY];
    private final long[] instants = new long[CAPACITY];
    private int next;
    private int size;

    PlayoutSamples(int samplesPerFrame, int frameMillis) {
        this.samplesPerFrame = samplesPerFrame;
        this.framesPerSample = Math.max(1, SAMPLE_EVERY_MILLIS / frameMillis);
    }

    void played(long extendedTimestamp, long epochNanos) {
        long wire = extendedTimestamp & 0xFFFF_FFFFL;
        if ((wire / samplesPerFrame) % framesPerSample != 0) {
            return;
        }
        synchronized (this) {
            timestamps[next] = wire;
            instants[next] = epochNanos;
            next = (next + 1) % CAPACITY;
            size = Math.min(CAPACITY, size + 1);
        }
    }

    /** Oldest first. */
    public synchronized List<Sample> recent() {
        List<Sample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int at = Math.floorMod(next - size + i, CAPACITY);
            out.add(new Sample(timestamps[at], instants[at]));
        }
        return out;
    }
}
