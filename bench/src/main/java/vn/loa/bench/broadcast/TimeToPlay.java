package vn.loa.bench.broadcast;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.bench.support.Distribution;

/**
 * How long each of a set of speakers took to play something, counted from one instant; a speaker that never
 * played it counts as not there yet at any time.
 */
final class TimeToPlay {
    private final double[] sortedMillis;
    private final int speakers;

    private TimeToPlay(double[] sortedMillis, int speakers) {
        this.sortedMillis = sortedMillis;
        this.speakers = speakers;
    }

    /**
     * @param firstPlays  the epoch ms each speaker that played it first did
     * @param speakers    how many speakers should have
     * @param sinceMillis epoch ms the time counts from
     */
    static TimeToPlay of(Collection<Long> firstPlays, int speakers, long sinceMillis) {
        if (firstPlays.size() > speakers) {
            throw new IllegalArgumentException(firstPlays.size() + " plays from " + speakers + " speakers");
        }
        return new TimeToPlay(firstPlays.stream().mapToDouble(at -> at - sinceMillis).sorted().toArray(), speakers);
    }

    int speakers() {
        return speakers;
    }

    int played() {
        return sortedMillis.length;
    }

    /** Milliseconds until the given share (0..1) of the speakers played it; null if that many never did. */
    Double untilShare(double share) {
        int needed = (int) Math.ceil(share * speakers);
        if (needed == 0) {
            return 0.0;
        }
        return needed <= sortedMillis.length ? sortedMillis[needed - 1] : null;
    }

    /** The time of each speaker that played, shortest first. */
    double[] sortedMillis() {
        return sortedMillis.clone();
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speakers", speakers);
        m.put("played", played());
        m.put("missing", speakers - played());
        m.put("latencyMs", new Distribution(Arrays.stream(sortedMillis).boxed().toList()).summary());
        m.put("until99PercentMs", untilShare(0.99));
        m.put("until100PercentMs", untilShare(1.0));
        return m;
    }
}
