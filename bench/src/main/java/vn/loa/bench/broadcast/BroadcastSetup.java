package vn.loa.bench.broadcast;

import static vn.loa.bench.support.SetupChecks.require;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.bench.support.SetupChecks;

/**
 * What one run of the benchmark is made of.
 *
 * @param speakers         simulated speakers, spread in turn over the communes
 * @param communes         communes of the province, one NORMAL broadcast each
 * @param emergencySeconds how long after its start the emergency is stopped
 * @param mediaSeconds     length of each uploaded tone (the commune broadcasts loop theirs)
 * @param decodeShare      share of speakers that decode what they play; the others only keep time
 * @param rampRate         speakers powered on per second
 */
record BroadcastSetup(int speakers, int communes, int emergencySeconds, int mediaSeconds, double decodeShare,
                      double rampRate) {
    /** Most communes: with the emergency, their broadcasts stay well under the server's 300 on air at once. */
    static final int MAX_COMMUNES = 200;
    static final int MAX_EMERGENCY_SECONDS = 600;

    BroadcastSetup {
        SetupChecks.fleet(speakers, communes, MAX_COMMUNES, rampRate);
        require(emergencySeconds >= 1 && emergencySeconds <= MAX_EMERGENCY_SECONDS,
                "emergency seconds must be within 1.." + MAX_EMERGENCY_SECONDS + ", was " + emergencySeconds);
        require(mediaSeconds >= 1 && mediaSeconds <= ToneWav.MAX_SECONDS,
                "media seconds must be within 1.." + ToneWav.MAX_SECONDS + ", was " + mediaSeconds);
        require(decodeShare >= 0 && decodeShare <= 1, "decode share must be within 0..1, was " + decodeShare);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speakers", speakers);
        m.put("communes", communes);
        m.put("emergencySeconds", emergencySeconds);
        m.put("mediaSeconds", mediaSeconds);
        m.put("decodeShare", decodeShare);
        m.put("rampRate", rampRate);
        return m;
    }
}
