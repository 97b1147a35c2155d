package vn.loa.controller.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * What a simulated speaker decoded and recorded (48 kHz mono 16-bit WAV), as a tone: how long it was audible and
 * its frequency, counted from upward zero crossings over the audible stretch (its first and last 100 ms left out, where the
 * tone starts and stops). Over a few seconds that is exact to a fraction of a hertz for a clean tone.
 */
final class DecodedTone {
    static final int SAMPLE_RATE = 48_000;
    /** A 10 ms window is audible when its peak reaches this (the microphone's tone peaks near 8,000). */
    static final int AUDIBLE_PEAK = 2_000;
    static final int WINDOW = SAMPLE_RATE / 100;
    static final int EDGE = SAMPLE_RATE / 10;
    static final int CROSSING_HYSTERESIS = 1_000;

    private final short[] samples;
    private final int firstAudible;
    private final int lastAudible;

    private DecodedTone(short[] samples) {
        this.samples = samples;
        int first = -1;
        int last = -1;
        for (int w = 0; w + WINDOW <= samples.length; w += WINDOW) {
            int peak = 0;
            for (int i = w; i < w + WINDOW; i++) {
                peak = Math.max(peak, Math.abs(samples[i]));
            }
            if (peak >= AUDIBLE_PEAK) {
                first = first < 0 ? w : first;
                last = w + WINDOW;
            }
        }
        if (first < 0) {
            throw new AssertionError("nothing audible in " + samples.length + " decoded samples");
        }
        this.firstAudible = first;
        this.lastAudible = last;
    }

    static DecodedTone read(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return new DecodedTone(samples);
        } catch (UnsupportedAudioFileException e) {
            throw new AssertionError(wav + " is not a WAV file", e);
        }
    }

    /** From the first to the last audible 10 ms window. */
    double audibleSeconds() {
        return (lastAudible - firstAudible) / (double) SAMPLE_RATE;
    }

    double frequencyHz() {
        int from = firstAudible + EDGE;
        int to = lastAudible - EDGE;
        if (to - from < SAMPLE_RATE / 2) {
            throw new AssertionError("under half a second of tone to measure (" + audibleSeconds() + " s audible)");
        }
        int firstUpward = -1;
        int lastUpward = -1;
        int upward = 0;
        boolean armed = false; // a crossing counts only after a real trough, so noise near zero never does
        for (int i = from; i < to; i++) {
            if (samples[i] < -CROSSING_HYSTERESIS) {
                armed = true;
            } else if (armed && samples[i] >= 0) {
                armed = false;
                firstUpward = firstUpward < 0 ? i : firstUpward;
                lastUpward = i;
                upward++;
            }
        }
        return (upward - 1) * (double) SAMPLE_RATE / (lastUpward - firstUpward);
    }
}
