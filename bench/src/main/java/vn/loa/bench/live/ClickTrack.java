package vn.loa.bench.live;

import java.util.ArrayList;
import java.util.List;
import vn.loa.bench.support.TonePcm;
import vn.loa.bench.support.WavFiles;

/**
 * What the browser's fake microphone plays: a short tone burst (a click), then silence, {@link #PERIOD_MILLIS} long;
 * Chromium loops the file, so the operator "speaks" one click every period. The period is a whole number of 20 ms
 * frames, so every click falls at the same place in its frame.
 */
final class ClickTrack {
    static final int PERIOD_MILLIS = 500;
    static final int CLICK_MILLIS = 5;
    /** A frame whose peak reaches this (the click's is about 0.5) after a quieter one carries a click's onset. */
    static final double CLICK_PEAK = 0.25;

    private ClickTrack() {
    }

    /** The WAV file (48 kHz mono 16-bit) of one period. */
    static byte[] wav() {
        short[] period = new short[samples(PERIOD_MILLIS)];
        short[] click = new TonePcm().next(samples(CLICK_MILLIS));
        System.arraycopy(click, 0, period, 0, click.length);
        return WavFiles.of(period);
    }

    private static int samples(int millis) {
        return TonePcm.SAMPLE_RATE / 1000 * millis;
    }

    /**
     * The instants (epoch ms) at which frames carrying a click's onset were handed to the socket: each frame whose
     * peak reaches {@link #CLICK_PEAK} after one that did not.
     */
    static List<Double> clickSends(List<MicFrame> frames) {
        List<Double> sends = new ArrayList<>();
        boolean previousLoud = true; // a click already under way when recording began is not an onset
        for (MicFrame frame : frames) {
            boolean loud = frame.peak() >= CLICK_PEAK;
            if (loud && !previousLoud) {
                sends.add(frame.sentAtMillis());
            }
            previousLoud = loud;
        }
        return sends;
    }

    /** One frame the console's microphone sent: its peak (0..1) and when it went to the socket (epoch ms). */
    record MicFrame(double peak, double sentAtMillis) {
    }
}
