package vn.loa.sim.audio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.message.PlayOrder;

/**
 * The receiving side of a fleet: opens a playback per play order on one of a few shared {@link AudioLoop}s
 * (started on the first play, so a fleet that never plays has no audio threads), remembers each speaker's latest
 * playback and the history of its playbacks, and sums them up.
 */
public final class AudioPlane implements AutoCloseable {
    /** Audio loop threads: enough to spread decoding over the cores, few enough to leave room for MQTT. */
    public static final int LOOP_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    /** Ended playbacks remembered per speaker (the oldest is forgotten first); a playback going on comes on top. */
    public static final int HISTORY_PER_SPEAKER = 32;

    private static final Logger log = LoggerFactory.getLogger(AudioPlane.class);

    private final AudioSettings settings;
    private final AudioCounters counters = new AudioCounters();
    private final Map<String, PlaybackSession> latest = new ConcurrentHashMap<>();
    private final Map<String, PlaybackHistory> histories = new ConcurrentHashMap<>();
    private AudioLoop[] loops;
    private boolean closed;

    public AudioPlane(AudioSettings settings) {
        this.settings = settings;
    }

    /**
     * Opens this speaker's RTP socket and starts joining the stream the order names.
     *
     * @param commandEpochNanos when the play command arrived ({@link EpochClock}); first-audio time counts from it
     * @throws CannotPlayException the host does not resolve, no socket can be opened or no WAV file created;
     *                             nothing is left open
     */
    public PlaybackSession play(String deviceId, PlayOrder order, long commandEpochNanos, PlaybackListener listener)
            throws CannotPlayException {
        InetSocketAddress streamer = new InetSocketAddress(order.host(), order.port());
        if (streamer.isUnresolved()) {
            throw new CannotPlayException(CannotPlayException.NETWORK, "cannot resolve " + order.host(), null);
        }
        long delayMillis = order.delayMs();
        AudioLoop loop = loopFor(deviceId);
        DatagramChannel channel = openChannel();
        try {
            OpusPlayer player = settings.decodes(deviceId) ? new OpusPlayer(Audio.samplesPerFrame(order.frameMs()),
                    recording(deviceId, order), counters) : null;
            PlaybackHistory history = histories.computeIfAbsent(deviceId, d -> new PlaybackHistory());
            PlaybackSession session = new PlaybackSession(deviceId, order, streamer, channel, loop, listener, history,
                    player, counters, delayMillis, commandEpochNanos);
            latest.put(deviceId, session);
            history.began(session);
            loop.attach(session);
            return session;
        } catch (CannotPlayException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static DatagramChannel openChannel() throws CannotPlayException {
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open();
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(0));
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CannotPlayException(CannotPlayException.NETWORK, "cannot open a UDP socket: " + e.getMessage(),
                    e);
        }
    }

    /** The WAV file this playback is recorded to, or null if none is asked for. */
    private WavWriter recording(String deviceId, PlayOrder order) throws CannotPlayException {
        if (settings.wavDirectory() == null) {
            return null;
        }
        Path file = settings.wavDirectory().resolve(deviceId + "-" + order.stream() + ".wav");
        try {
            return new WavWriter(file, Audio.SAMPLE_RATE, Audio.samplesPerFrame(order.frameMs()));
        } catch (IOException e) {
            throw new CannotPlayException(CannotPlayException.AUDIO_OUTPUT, "cannot record to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing an unused UDP socket: {}", e.getMessage());
        }
    }

    /** The speaker's latest playback, playing or ended; empty if it was never told to play. */
    public Optional<PlaybackStats> stats(String deviceId) {
        PlaybackSession session = latest.get(deviceId);
        if (session == null) {
            return Optional.empty();
        }
        return Optional.of(session.stats(new PlayoutOffsets(latest.values()).of(deviceId)));
    }

    /** Every speaker's latest playback, by device id. */
    public Map<String, PlaybackStats> stats() {
        PlayoutOffsets offsets = new PlayoutOffsets(latest.values());
        Map<String, PlaybackStats> out = new LinkedHashMap<>();
        latest.forEach((device, session) -> out.put(device, session.stats(offsets.of(device))));
        return out;
    }

    /** The speaker's playbacks, oldest first: the last {@link #HISTORY_PER_SPEAKER} ended, then the current one. */
    public List<PlaybackRecord> history(String deviceId) {
        PlaybackHistory history = histories.get(deviceId);
        return history == null ? List.of() : history.records();
    }

    /** Every speaker's {@link #history(String)}, by device id; speakers never told to play are absent. */
    public Map<String, List<PlaybackRecord>> history() {
        Map<String, List<PlaybackRecord>> out = new TreeMap<>();
        histories.forEach((device, history) -> out.put(device, history.records()));
        return out;
    }

    /**
     * When each speaker first played audio of the stream at or after {@code sinceMillis} (epoch ms, by device id);
     * speakers that have not are absent. Reads the remembered history only, so it stays cheap for a large fleet.
     */
    public Map<String, Long> firstAudio(String streamId, long sinceMillis) {
        Map<String, Long> out = new HashMap<>();
        histories.forEach((device, history) -> {
            Long at = history.firstAudio(streamId, sinceMillis);
            if (at != null) {
                out.put(device, at);
            }
        });
        return out;
    }

    public PlaybackSummary summary() {
        List<PlaybackSession> sessions = List.copyOf(latest.values());
        PlayoutOffsets offsets = new PlayoutOffsets(sessions);
        int playing = 0;
        int decoding = 0;
        long received = 0;
        long lost = 0;
        long late = 0;
        long concealed = 0;
        long overflow = 0;
        long skipped = 0;
        double[] firstAudio = new double[sessions.size()];
        int withAudio = 0;
        for (PlaybackSession session : sessions) {
            PlaybackStats s = session.stats(null);
            playing += s.playing() ? 1 : 0;
            decoding += session.decodes() ? 1 : 0;
            received += s.packetsReceived();
            lost += s.lost();
            late += s.late();
            concealed += s.concealed();
            overflow += session.overflow();
            skipped += session.skipped();
            if (s.firstAudioMillis() != null) {
                firstAudio[withAudio++] = s.firstAudioMillis();
            }
        }
        double[] ranked = Arrays.copyOf(firstAudio, withAudio);
        Arrays.sort(ranked);
        double lossPercent = received + lost == 0 ? 0 : 100.0 * lost / (received + lost);
        return new PlaybackSummary(sessions.size(), playing, decoding, received, lost, lossPercent, late, concealed,
                overflow, skipped, counters.strayDatagrams.sum(), counters.malformedDatagrams.sum(),
                counters.unauthenticDatagrams.sum(),
                counters.undecodableFrames.sum(),
                PlayoutOffsets.percentile(ranked, 0.5), PlayoutOffsets.percentile(ranked, 0.99),
                offsets.absolutePercentile(0.5), offsets.absolutePercentile(0.99), offsets.absolutePercentile(1.0));
    }

    private synchronized AudioLoop loopFor(String deviceId) throws CannotPlayException {
        if (closed) {
            throw new CannotPlayException(CannotPlayException.AUDIO_OUTPUT, "the fleet is closing", null);
        }
        if (loops == null) {
            AudioLoop[] started = new AudioLoop[LOOP_THREADS];
            try {
                for (int i = 0; i < started.length; i++) {
                    started[i] = new AudioLoop("sim-audio-" + (i + 1));
                }
            } catch (IOException e) {
                throw new CannotPlayException(CannotPlayException.NETWORK, "cannot open a selector: "
                        + e.getMessage(), e);
            }
            loops = started;
        }
        return loops[Math.floorMod(deviceId.hashCode(), loops.length)];
    }

    /** Ends every playback (no events: the speakers are going away) and stops the loops. */
    @Override
    public void close() throws InterruptedException {
        AudioLoop[] running;
        synchronized (this) {
            closed = true;
            running = loops;
        }
        if (running != null) {
            for (AudioLoop loop : running) {
                loop.close();
            }
        }
    }
}
