package vn.loa.bench.live;

import static vn.loa.bench.support.SetupChecks.require;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.bench.support.SetupChecks;

/**
 * What one run of the live benchmark is made of.
 *
 * @param speakers    simulated speakers listening, spread in turn over the communes
 * @param communes    communes of the benchmark province (the broadcast targets the whole province)
 * @param seconds     how long the clicks are measured once the speakers play the broadcast
 * @param decodeShare share of speakers that decode what they play (their clicks are timed); the others only keep
 *                    time and count packets
 * @param rampRate    speakers powered on per second
 */
record LiveSetup(int speakers, int communes, int seconds, double decodeShare, double rampRate) {
    static final int MIN_SECONDS = 5;
    static final int MAX_SECONDS = 600;
    static final int MAX_COMMUNES = 200;

    LiveSetup {
        SetupChecks.fleet(speakers, communes, MAX_COMMUNES, rampRate);
        require(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS,
                "seconds must be within " + MIN_SECONDS + ".." + MAX_SECONDS + ", was " + seconds);
        require(decodeShare > 0 && decodeShare <= 1, "decode share must be within (0, 1], was " + decodeShare);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speakers", speakers);
        m.put("communes", communes);
        m.put("seconds", seconds);
        m.put("decodeShare", decodeShare);
        m.put("rampRate", rampRate);
        return m;
    }
}
