package vn.loa.bench.broadcast;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.sim.Fleet;

/**
 * Watches the simulated fleet until each expected speaker has played audio of its broadcast (any of that
 * broadcast's streams) since a given instant. The instants are the speakers' own (the first frame handed to the
 * DAC, or due to it for a speaker that does not decode); polling only finds them.
 */
final class FirstPlayWatch {
    private static final Logger LOG = LoggerFactory.getLogger(FirstPlayWatch.class);
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final Fleet fleet;
    private final BroadcastsOnAir onAir;

    FirstPlayWatch(Fleet fleet, BroadcastsOnAir onAir) {
        this.fleet = fleet;
        this.onAir = onAir;
    }

    /**
     * @param expected    the broadcast id each speaker (by device id) should play
     * @param sinceMillis epoch ms; earlier playbacks do not count
     * @return the epoch ms each speaker first played its broadcast; those that did not within the timeout are absent
     */
    Map<String, Long> await(String what, Map<String, String> expected, long sinceMillis, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        Map<String, Long> firstPlay = new HashMap<>();
        while (true) {
            onAir.refresh();
            Set<String> pending = new HashSet<>();
            expected.forEach((device, broadcast) -> {
                if (!firstPlay.containsKey(device)) {
                    pending.add(broadcast);
                }
            });
            for (String broadcast : pending) {
                for (String stream : onAir.streams(broadcast)) {
                    fleet.firstAudio(stream, sinceMillis).forEach((device, at) -> {
                        if (broadcast.equals(expected.get(device))) {
                            firstPlay.merge(device, at, Math::min);
                        }
                    });
                }
            }
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
}
