package vn.loa.bench.live;

import java.util.ArrayList;
import java.util.List;
import vn.loa.bench.support.ClickDetector;
import vn.loa.bench.support.TonePcm;

/**
 * The clicks one decoding speaker played, matched to the frames that carried them from the browser. A speaker's
 * recording holds one frame per playout slot from its first frame on, so sample p was played at the first frame's
 * instant + p / 48 kHz.
 */
final class HeardClicks {
    /** A decoded click's onset: a quarter of the click's amplitude (Opus leaves silence well below it). */
    static final int ONSET_THRESHOLD = (int) (TonePcm.AMPLITUDE / 4);
    /** After an onset, the rest of the click and its ringing are not a new click. */
    static final int REFRACTORY_SAMPLES = TonePcm.SAMPLE_RATE * ClickTrack.PERIOD_MILLIS / 1000 / 2;

    /** A click heard: when its frame was sent (epoch ms, browser clock) and how long until the speaker played it. */
    record Heard(double sentAtMillis, double latencyMillis) {
    }

    private HeardClicks() {
    }

    /** Instants (epoch ms) at which the speaker played click onsets, from its recording and its first frame's instant. */
    static List<Double> onsetInstants(short[] recording, long firstFrameMillis) {
        List<Double> instants = new ArrayList<>();
        for (int onset : ClickDetector.onsets(recording, ONSET_THRESHOLD, REFRACTORY_SAMPLES)) {
            instants.add(firstFrameMillis + onset * 1000.0 / TonePcm.SAMPLE_RATE);
        }
        return instants;
    }

    /**
     * Pairs each onset with the latest click sent before it (clicks are {@link ClickTrack#PERIOD_MILLIS} apart, far
     * more than the latency measured); a click is heard once, onsets before the first send are noise.
     *
     * @param onsets instants (epoch ms, on the browser's clock) the speaker played onsets, ascending
     * @param sends  instants (epoch ms) the frames carrying clicks were sent, ascending
     */
    static List<Heard> match(List<Double> onsets, List<Double> sends) {
        List<Heard> heard = new ArrayList<>();
        int next = 0;
        double lastMatched = Double.NaN;
        for (double onset : onsets) {
            while (next < sends.size() && sends.get(next) <= onset) {
                next++;
            }
            if (next == 0) {
                continue;
            }
            double sent = sends.get(next - 1);
            if (sent != lastMatched) {
                heard.add(new Heard(sent, onset - sent));
                lastMatched = sent;
            }
        }
        return heard;
    }
}
