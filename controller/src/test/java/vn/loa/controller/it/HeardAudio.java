package vn.loa.controller.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a receiver wrote to a WAV file (16-bit PCM, 48 kHz, mono): its strongest tone and how much of it is missing.
 * Missing audio is counted in 20 ms windows between the first and last audible one, so a receiver that started or
 * stopped later than another is not blamed for it.
 */
final class HeardAudio {
    static final int SAMPLE_RATE = 48_000;
    static final int WINDOW_SAMPLES = SAMPLE_RATE / 50;
    /** A window quieter than this share of the loudest window's RMS counts as missing. */
    static final double AUDIBLE_SHARE_OF_MAX = 0.1;

    private final short[] samples;

    private HeardAudio(short[] samples) {
        this.samples = samples;
    }

    static HeardAudio read(Path wav) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        in.position(12);
        while (in.remaining() >= 8) {
            String id = new String(new byte[] {in.get(), in.get(), in.get(), in.get()}, StandardCharsets.US_ASCII);
            int size = in.getInt();
            if (id.equals("data")) {
                int bytes = Math.min(size < 0 ? in.remaining() : size, in.remaining());
                short[] samples = new short[bytes / 2];
                in.asShortBuffer().get(samples);
                return new HeardAudio(samples);
            }
            in.position(in.position() + size + (size & 1));
        }
        throw new AssertionError(wav + " has no data chunk");
    }

    double seconds() {
        return samples.length / (double) SAMPLE_RATE;
    }

    /** Seconds from the first to the last audible window. */
    double audibleSeconds() {
        int[] span = audibleSpan();
        return (span[1] - span[0] + 1) * WINDOW_SAMPLES / (double) SAMPLE_RATE;
    }

    /** Share of the 20 ms windows between the first and last audible one that are (nearly) silent. */
    double missingShare() {
        int[] span = audibleSpan();
        double threshold = maxWindowRms() * AUDIBLE_SHARE_OF_MAX;
        int silent = 0;
        for (int w = span[0]; w <= span[1]; w++) {
            if (windowRms(w) < threshold) {
                silent++;
            }
        }
        return silent / (double) (span[1] - span[0] + 1);
    }

    /** The frequency (to 5 Hz) with the most energy between 100 and 2,000 Hz, over one second mid-span. */
    double dominantHz() {
        int[] span = audibleSpan();
        int middle = (span[0] + span[1]) / 2 * WINDOW_SAMPLES;
        int from = Math.max(0, middle - SAMPLE_RATE / 2);
        int to = Math.min(samples.length, from + SAMPLE_RATE);
        double best = 0;
        double bestHz = 0;
        for (double hz = 100; hz <= 2_000; hz += 5) {
            double power = goertzel(from, to, hz);
            if (power > best) {
                best = power;
                bestHz = hz;
            }
        }
        return bestHz;
    }

    private int[] audibleSpan() {
        int windows = samples.length / WINDOW_SAMPLES;
        double threshold = maxWindowRms() * AUDIBLE_SHARE_OF_MAX;
        int first = -1;
        int last = -1;
        for (int w = 0; w < windows; w++) {
            if (windowRms(w) >= threshold) {
                first = first < 0 ? w : first;
                last = w;
            }
        }
        if (first < 0 || maxWindowRms() < 100) {
            throw new AssertionError("no audio heard in " + seconds() + " s");
        }
        return new int[] {first, last};
    }

    private double maxWindowRms() {
        double max = 0;
        for (int w = 0; w < samples.length / WINDOW_SAMPLES; w++) {
            max = Math.max(max, windowRms(w));
        }
        return max;
    }

    private double windowRms(int window) {
        double sum = 0;
        for (int i = window * WINDOW_SAMPLES; i < (window + 1) * WINDOW_SAMPLES; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / WINDOW_SAMPLES);
    }

    private double goertzel(int from, int to, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = from; i < to; i++) {
            double current = samples[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
