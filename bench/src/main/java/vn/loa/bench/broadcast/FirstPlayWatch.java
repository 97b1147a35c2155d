package vn.loa.bench.broadcast;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.sim.Fleet;
import vn.loa.sim.audio.PlaybackRecord;

/**
 * Watches the simulated fleet until each expected speaker has played audio of its broadcast (any of that
 * broadcast's streams) since a given instant. The instants are the speakers' own (the first frame handed to the
 * DAC, or due to it for a speaker that does not decode); polling only finds them, so it is kept light: the
 * fleet's histories in one pass, and the server asked for the streams on air only now and then.
 */
final class FirstPlayWatch {
    private static final Logger LOG = LoggerFactory.getLogger(FirstPlayWatch.class);
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration STREAMS_REFRESH = Duration.ofSeconds(1);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final Fleet fleet;
    private final StreamsOnAir onAir;

    FirstPlayWatch(Fleet fleet, StreamsOnAir onAir) {
        this.fleet = fleet;
        this.onAir = onAir;
    }

    /**
     * @param expected    the broadcast id each speaker (by device id) should play
     * @param sinceMillis epoch ms; earlier playbacks do not count
     * @return each speaker's first playback of its broadcast; those that did not play within the timeout are absent
     */
    Map<String, PlaybackRecord> await(String what, Map<String, String> expected, long sinceMillis, Duration timeout)
            throws IOException, InterruptedException {
        long now = System.nanoTime();
        long deadline = now + timeout.toNanos();
        long nextRefresh = now;
        long nextProgress = now + PROGRESS_EVERY.toNanos();
        Map<String, PlaybackRecord> firstPlay = new HashMap<>();
        while (true) {
            if (System.nanoTime() >= nextRefresh) {
                onAir.refresh();
                nextRefresh = System.nanoTime() + STREAMS_REFRESH.toNanos();
            }
            Map<String, List<PlaybackRecord>> histories = fleet.history();
            expected.forEach((device, broadcast) -> {
                if (!firstPlay.containsKey(device)) {
                    PlaybackRecord first = firstPlayed(histories.getOrDefault(device, List.of()),
                            onAir.streams(broadcast), sinceMillis);
                    if (first != null) {
                        firstPlay.put(device, first);
                    }
                }
            });
            boolean done = firstPlay.size() == expected.size();
            if (done || System.nanoTime() > deadline) {
                LOG.info("{}: {} of {} speakers played it", what, firstPlay.size(), expected.size());
                return firstPlay;
            }
            if (System.nanoTime() > nextProgress) {
                LOG.info("{}: {} of {} speakers playing", what, firstPlay.size(), expected.size());
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The first playback of one of the streams that began at or after {@code sinceMillis}; null if none did. */
    static PlaybackRecord firstPlayed(List<PlaybackRecord> history, Set<String> streams, long sinceMillis) {
        PlaybackRecord first = null;
        for (PlaybackRecord r : history) {
            Long at = r.startedAtMillis();
            if (at != null && at >= sinceMillis && streams.contains(r.streamId())
                    && (first == null || at < first.startedAtMillis())) {
                first = r;
            }
        }
        return first;
    }
}
