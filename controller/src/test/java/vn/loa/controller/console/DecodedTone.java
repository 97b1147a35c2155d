package vn.loa.controller.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * What a simulated speaker decoded and recorded (48 kHz mono 16-bit WAV), as a tone: how long it was audible, its
 * frequency (the median period between upward zero crossings over the audible stretch, its first and last 100 ms
 * left out where the tone starts and stops; exact to a fraction of a hertz) and how steady it was.
 */
final class DecodedTone {
    static final int SAMPLE_RATE = 48_000;
    /** A 10 ms window is audible when its peak reaches this (the microphone's tone peaks near 8,000). */
    static final int AUDIBLE_PEAK = 2_000;
    static final int WINDOW = SAMPLE_RATE / 100;
    static final int EDGE = SAMPLE_RATE / 10;
    static final int CROSSING_HYSTERESIS = 1_000;
    static final double STEADY_TOLERANCE = 0.05;

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

    /** The median period between upward zero crossings (each placed between its two samples), as a frequency. */
    double frequencyHz() {
        List<Double> periods = periods();
        return SAMPLE_RATE / periods.get(periods.size() / 2);
    }

    /**
     * Share of the periods within {@link #STEADY_TOLERANCE} of the median: 1 for a clean continuous tone; each
     * gap, glitch or concealed frame makes one or two periods that are not.
     */
    double steadyShare() {
        List<Double> periods = periods();
        double median = periods.get(periods.size() / 2);
        long steady = periods.stream().filter(p -> Math.abs(p - median) <= STEADY_TOLERANCE * median).count();
        return steady / (double) periods.size();
    }

    /** Periods (in samples) between upward crossings over the audible stretch but its edges, sorted. */
    private List<Double> periods() {
        int from = firstAudible + EDGE;
        int to = lastAudible - EDGE;
        if (to - from < SAMPLE_RATE / 2) {
            throw new AssertionError("under half a second of tone to measure (" + audibleSeconds() + " s audible)");
        }
        List<Double> periods = new ArrayList<>();
        double previous = Double.NaN;
        boolean armed = false; // a crossing counts only after a real trough, so noise near zero never does
        for (int i = from; i < to; i++) {
            if (samples[i] < -CROSSING_HYSTERESIS) {
                armed = true;
            } else if (armed && samples[i] >= 0) {
                armed = false;
                double crossing = i - 1 + (double) -samples[i - 1] / (samples[i] - samples[i - 1]);
                if (!Double.isNaN(previous)) {
                    periods.add(crossing - previous);
                }
                previous = crossing;
            }
        }
        if (periods.isEmpty()) {
            throw new AssertionError("no full period of a tone between samples " + from + " and " + to);
        }
        Collections.sort(periods);
        return periods;
    }
}
