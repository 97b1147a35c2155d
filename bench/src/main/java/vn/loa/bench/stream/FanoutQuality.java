package vn.loa.bench.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.bench.support.Distribution;

/**
 * How one measured window of a fan-out arrived. Packets are datagrams (one frame to one receiver). The lateness
 * of a frame's first copy is measured from its due instant; the spread of a frame is the time from its first
 * copy to its last; the inter-departure jitter is the root mean square of the first copies' frame-to-frame
 * intervals minus the nominal frame duration. {@code ownPhase} is additional information: lateness of each copy
 * against its receiver's own steady phase (see {@link OwnPhaseLateness}).
 */
record FanoutQuality(long frames, long packetsExpected, long packetsReceived, long packetsLost, long onTime,
                     Distribution firstCopyLatenessMs, Distribution frameSpreadMs, double interDepartureJitterMs,
                     double worstIntervalErrorMs, OwnPhaseLateness.Result ownPhase) {

    double onTimeShare() {
        return packetsExpected == 0 ? 0 : (double) onTime / packetsExpected;
    }

    double lossShare() {
        return packetsExpected == 0 ? 0 : (double) packetsLost / packetsExpected;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("packetsExpected", packetsExpected);
        m.put("packetsReceived", packetsReceived);
        m.put("packetsLost", packetsLost);
        m.put("lossShare", lossShare());
        m.put("onTimeShare", onTimeShare());
        m.put("firstCopyLatenessMs", firstCopyLatenessMs.summary());
        m.put("frameSpreadMs", frameSpreadMs.summary());
        m.put("interDepartureJitterMs", interDepartureJitterMs);
        m.put("worstIntervalErrorMs", worstIntervalErrorMs);
        m.put("ownPhase", ownPhase.toMap());
        return m;
    }
}
