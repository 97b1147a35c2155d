package vn.loa.bench.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.bench.support.Distribution;
import vn.loa.sim.audio.PlaybackStats;

/**
 * What the whole fleet made of the live stream, decoding or not: how many speakers received it, what they lost,
 * and how far apart they played it (each speaker's offset from the fleet's median instant for the same frames).
 */
final class SpeakerFigures {
    private SpeakerFigures() {
    }

    /** @param playback each speaker's latest playback, read while the broadcast was on air */
    static Map<String, Object> of(Map<String, PlaybackStats> playback, String stream, int speakers) {
        int receiving = 0;
        long received = 0;
        long lost = 0;
        long late = 0;
        long concealed = 0;
        List<Double> offsets = new ArrayList<>();
        for (PlaybackStats p : playback.values()) {
            if (!stream.equals(p.streamId()) || p.packetsReceived() == 0) {
                continue;
            }
            receiving++;
            received += p.packetsReceived();
            lost += p.lost();
            late += p.late();
            concealed += p.concealed();
            if (p.playoutOffsetMillis() != null) {
                offsets.add(Math.abs(p.playoutOffsetMillis()));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", speakers);
        m.put("receiving", receiving);
        m.put("packetsReceived", received);
        m.put("packetsLost", lost);
        m.put("packetsLate", late);
        m.put("framesConcealed", concealed);
        m.put("playoutOffsetFromFleetMedianMs", new Distribution(offsets).summary());
        return m;
    }
}
