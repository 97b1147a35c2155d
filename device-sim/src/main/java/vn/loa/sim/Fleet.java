package vn.loa.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vn.loa.sim.audio.AudioPlane;
import vn.loa.sim.audio.PlaybackRecord;
import vn.loa.sim.audio.PlaybackStats;
import vn.loa.sim.audio.PlaybackSummary;
import vn.loa.sim.mqtt.FleetExecutor;
import vn.loa.sim.mqtt.FutexHash;
import vn.loa.sim.mqtt.MqttEndpoint;
import vn.loa.sim.provision.CredentialsStore;

/**
 * N simulated speakers in this JVM, sharing one executor. {@link #start()} powers them on at the ramp rate;
 * {@link #close()} shuts every one down cleanly (DISCONNECT, so no Will).
 */
public final class Fleet implements AutoCloseable {
    /** How often {@link #awaitConnected} looks. */
    static final long POLL_MILLIS = 20;
    /** How long {@link #close()} waits for the executor's threads after every speaker has disconnected. */
    static final long SHUTDOWN_WAIT_MILLIS = 5_000;
    /** Threads that send the DISCONNECTs on close: a few, since each waits for its broker's answer. */
    static final int STOPPER_THREADS = 8;

    private final FleetOptions options;
    private final FleetExecutor executor;
    private final FleetCounters counters;
    private final AudioPlane audio;
    private final List<SimulatedSpeaker> speakers;
    private final AtomicInteger started = new AtomicInteger();

    private Fleet(FleetOptions options, FleetExecutor executor, MqttEndpoint endpoint, CredentialsStore store) {
        this.options = options;
        this.executor = executor;
        this.counters = new FleetCounters(options.count());
        this.audio = new AudioPlane(options.audio());
        SpeakerContext ctx = new SpeakerContext(options, endpoint, executor, store, counters, audio);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < options.count(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(options.seed()));
        int neverAck = (int) Math.round(options.faults().neverAckShare() * options.count());
        int slowAck = (int) Math.round(options.faults().slowAckShare() * options.count());
        SimulatedSpeaker[] built = new SimulatedSpeaker[options.count()];
        for (int rank = 0; rank < order.size(); rank++) {
            int i = order.get(rank);
            boolean never = rank < neverAck;
            boolean slow = !never && rank < neverAck + slowAck;
            built[i] = new SimulatedSpeaker(ctx, i, never, slow ? options.faults().slowAckDelay() : Duration.ZERO);
        }
        this.speakers = List.of(built);
    }

    /** Builds the fleet (and reads the credentials file) without connecting anything yet. */
    public static Fleet create(FleetOptions options) throws IOException {
        CredentialsStore store = options.credentialsFile() == null
                ? CredentialsStore.inMemory() : CredentialsStore.open(options.credentialsFile());
        FutexHash.ensureSlotsFor(options.count() * FleetExecutor.THREADS_PER_CONNECTION);
        FleetExecutor executor = new FleetExecutor();
        try {
            MqttEndpoint endpoint = MqttEndpoint.of(options.serverUris(), options.caFile(), executor);
            return new Fleet(options, executor, endpoint, store);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** Powers the speakers on, {@code rampRate} per second; returns at once. */
    public void start() {
        counters.started();
        double intervalNanos = 1e9 / options.rampRate();
        for (int i = 0; i < speakers.size(); i++) {
            SimulatedSpeaker s = speakers.get(i);
            executor.schedule(() -> {
                started.incrementAndGet();
                s.start();
            }, (long) (i * intervalNanos), TimeUnit.NANOSECONDS);
        }
    }

    /** Waits until at least {@code n} speakers are online; false if the timeout passed first. */
    public boolean awaitConnected(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connectedCount() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    public List<SimulatedSpeaker> speakers() {
        return speakers;
    }

    /** The speaker with this serial or device id. */
    public Optional<SimulatedSpeaker> speaker(String serialOrDeviceId) {
        return speakers.stream()
                .filter(s -> s.serial().equals(serialOrDeviceId) || serialOrDeviceId.equals(s.deviceId()))
                .findFirst();
    }

    /** Speakers powered on so far by the ramp. */
    public int startedCount() {
        return started.get();
    }

    public int connectedCount() {
        int n = 0;
        for (SimulatedSpeaker s : speakers) {
            if (s.connected()) {
                n++;
            }
        }
        return n;
    }

    public FleetStats stats() {
        Map<Phase, Integer> phases = new EnumMap<>(Phase.class);
        for (SimulatedSpeaker s : speakers) {
            phases.merge(s.phase(), 1, Integer::sum);
        }
        return new FleetStats(speakers.size(), phases.getOrDefault(Phase.ONLINE, 0), phases, counters.rampMillis(),
                counters.commandsReceived.sum(), counters.commandsAnswered.sum(), counters.invalidDropped.sum(),
                counters.reconnects.sum(), counters.reboots.sum(), counters.provisionRequests.sum(),
                counters.messagesIn.sum(), counters.messagesOut.sum(), counters.commandLatency.summary(),
                executor.threadLimitReached());
    }

    /** Each speaker's latest playback (playing or ended), by device id; speakers never told to play are absent. */
    public Map<String, PlaybackStats> playback() {
        return audio.stats();
    }

    /** Each speaker's playbacks, oldest first, by device id; speakers never told to play are absent. */
    public Map<String, List<PlaybackRecord>> history() {
        return audio.history();
    }

    /**
     * When each speaker first played audio of the stream at or after {@code sinceMillis} (epoch ms, by device id);
     * speakers that have not are absent. Cheap enough to poll for thousands of speakers.
     */
    public Map<String, Long> firstAudio(String streamId, long sinceMillis) {
        return audio.firstAudio(streamId, sinceMillis);
    }

    public PlaybackSummary playbackSummary() {
        return audio.summary();
    }

    /** Stops every speaker cleanly (in parallel), then the executor. */
    @Override
    public void close() throws InterruptedException {
        executor.getQueue().clear(); // speakers the ramp has not reached yet stay off
        List<Thread> stoppers = new ArrayList<>();
        int perThread = Math.max(1, speakers.size() / STOPPER_THREADS + 1);
        for (int from = 0; from < speakers.size(); from += perThread) {
            List<SimulatedSpeaker> slice = speakers.subList(from, Math.min(speakers.size(), from + perThread));
            Thread t = new Thread(() -> slice.forEach(SimulatedSpeaker::stop), "sim-stop-" + from);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            t.join();
        }
        audio.close();
        executor.shutdownAndWait(SHUTDOWN_WAIT_MILLIS);
    }
}
