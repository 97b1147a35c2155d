package vn.loa.bench.broadcast;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.loa.bench.support.Distribution;
import vn.loa.sim.audio.PlaybackRecord;

/**
 * Where a switch's time went, from the speakers' own instants: the API call until the play order reached the
 * speaker (server and broker), the order until the speaker's audio loop sent the join, the join until the stream's
 * first packet came (streamer latch, send, the loop reading it), and that packet until the first frame was played
 * (sync and playout delay).
 */
final class SwitchStages {
    private SwitchStages() {
    }

    /**
     * @param firstPlays each speaker's first playback after the call
     * @param callMillis epoch ms of the API call
     */
    static Map<String, Object> of(Collection<PlaybackRecord> firstPlays, long callMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderArrivedMs", between(firstPlays, r -> callMillis, PlaybackRecord::orderedAtMillis));
        m.put("joinSentAfterOrderMs", between(firstPlays, PlaybackRecord::orderedAtMillis,
                PlaybackRecord::joinedAtMillis));
        m.put("firstPacketAfterJoinMs", between(firstPlays, PlaybackRecord::joinedAtMillis,
                PlaybackRecord::firstPacketAtMillis));
        m.put("playedAfterFirstPacketMs", between(firstPlays, PlaybackRecord::firstPacketAtMillis,
                PlaybackRecord::startedAtMillis));
        return m;
    }

    private static Map<String, Object> between(Collection<PlaybackRecord> records, Function<PlaybackRecord, Long> from,
                                               Function<PlaybackRecord, Long> to) {
        List<Long> millis = records.stream().filter(r -> from.apply(r) != null && to.apply(r) != null)
                .map(r -> to.apply(r) - from.apply(r)).toList();
        return new Distribution(millis).summary();
    }
}
