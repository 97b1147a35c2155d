package vn.loa.bench.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.bench.live.ClickTrack.MicFrame;
import vn.loa.bench.support.Distribution;

/**
 * How steadily the browser sent its microphone: frames, their rate, and the gaps between two frames handed to the
 * socket (20 ms each when the audio thread keeps up; longer gaps are audio that waited in the browser).
 */
final class MicrophoneFigures {
    private MicrophoneFigures() {
    }

    static Map<String, Object> of(List<MicFrame> frames) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames.size());
        if (frames.size() < 2) {
            return m;
        }
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < frames.size(); i++) {
            gaps.add(frames.get(i).sentAtMillis() - frames.get(i - 1).sentAtMillis());
        }
        double seconds = (frames.get(frames.size() - 1).sentAtMillis() - frames.get(0).sentAtMillis()) / 1000;
        m.put("framesPerSecond", Math.round(frames.size() / seconds * 10) / 10.0);
        m.put("gapBetweenFramesMs", new Distribution(gaps).summary());
        return m;
    }
}
