package vn.loa.bench.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import vn.loa.bench.support.ClickDetector;
import vn.loa.bench.support.Distribution;
import vn.loa.bench.support.TonePcm;
import vn.loa.bench.support.WavFiles;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.sim.audio.AudioPlane;
import vn.loa.sim.audio.AudioSettings;
import vn.loa.sim.audio.CannotPlayException;
import vn.loa.sim.audio.EpochClock;
import vn.loa.sim.audio.PlaybackEnd;
import vn.loa.sim.audio.PlaybackListener;
import vn.loa.sim.audio.PlaybackSession;
import vn.loa.sim.audio.PlaybackStats;
import vn.loa.streamer.RtpStream;
import vn.loa.streamer.RtpStreamer;
import vn.loa.streamer.StreamEvents;
import vn.loa.streamer.StreamOptions;
import vn.loa.streamer.StreamerSettings;
import vn.loa.streamer.source.LivePcmSource;

/**
 * Live latency, PCM in to decoded at a simulated speaker: clicks pushed into a LivePcmSource in real time,
 * streamed by an RtpStreamer to one speaker of the device-sim library (join, SR-timed playout with the playout delay
 * a live stream asks for, Concentus decode, WAV capture); each click's latency is the instant the speaker played its
 * decoded onset minus the instant it was pushed.
 */
final class LiveLatencyRun {
    static final double TARGET_MILLIS = 200;
    /** The delay the controller asks of speakers for a live stream. */
    static final int PLAYOUT_DELAY_MILLIS = LivePcmSource.PLAYOUT_DELAY_MILLIS;
    /** A decoded click's onset: a quarter of the click's amplitude (Opus leaves silence well below it). */
    static final int ONSET_THRESHOLD = (int) (TonePcm.AMPLITUDE / 4);
    private static final String STREAM = "latency";
    private static final String DEVICE = "bench-speaker-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDir;
    private final int clicks;

    LiveLatencyRun(Path workDir, int clicks) {
        this.workDir = workDir;
        this.clicks = clicks;
    }

    Map<String, Object> run() throws IOException, InterruptedException, CannotPlayException {
        Path dir = Files.createDirectories(workDir.resolve("latency"));
        byte[] joinKey = new byte[32];
        new SecureRandom().nextBytes(joinKey);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        PlaybackListener listener = new PlaybackListener() {
            @Override
            public void started(String streamId) {
                started.countDown();
            }

            @Override
            public void ended(String streamId, PlaybackEnd why) {
                ended.countDown();
            }
        };
        try (RtpStreamer streamer = RtpStreamer.start(StreamerSettings.defaults("127.0.0.1", 0, joinKey),
                StreamEvents.NONE);
             AudioPlane speakers = new AudioPlane(new AudioSettings(1.0, dir))) {
            LivePcmSource live = new LivePcmSource("latency clicks");
            RtpStream stream = streamer.open(STREAM, live, StreamOptions.DEFAULT);
            try (ClickFeeder feeder = new ClickFeeder(live)) {
                long commandNanos = EpochClock.nowNanos();
                PlayOrder order = new PlayOrder(STREAM, "127.0.0.1", streamer.port(),
                        streamer.joinTokens().issue(STREAM, DEVICE, commandNanos / 1_000_000_000L + 600),
                        stream.ssrc(), stream.payloadType(), stream.frameMillis(), PLAYOUT_DELAY_MILLIS);
                PlaybackSession session = speakers.play(DEVICE, order, commandNanos, listener);
                if (!started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("the simulated speaker did not start playing within " + START_TIMEOUT);
                }
                feeder.click(clicks);
                Thread.sleep((clicks + 1L) * ClickFeeder.CLICK_EVERY_MILLIS);
                PlayoutTimeline timeline = PlayoutTimeline.of(commandNanos + firstAudioMillis(speakers) * 1_000_000,
                        stream.frameMillis(), session.samples().recent());
                session.stop(PlaybackEnd.STOPPED);
                if (!ended.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("the simulated speaker did not stop within " + START_TIMEOUT);
                }
                short[] played = WavFiles.read(dir.resolve(DEVICE + "-" + STREAM + ".wav"));
                Map<String, Object> m = measures(latencies(played, timeline, feeder.clickPushes()),
                        speakers.stats(DEVICE).get());
                m.put("sourceQueueAtClicksMs", feeder.queuedAtClicks());
                return m;
            }
        }
    }

    private static long firstAudioMillis(AudioPlane speakers) throws IOException {
        Long millis = speakers.stats(DEVICE).map(PlaybackStats::firstAudioMillis).orElse(null);
        if (millis == null) {
            throw new IOException("the simulated speaker reports no first audio");
        }
        return millis;
    }

    /** Pairs each decoded onset with the latest click pushed before it. */
    static List<Double> latencies(short[] played, PlayoutTimeline timeline, List<Long> pushes) {
        List<Double> latencies = new ArrayList<>();
        int refractory = TonePcm.SAMPLE_RATE * ClickFeeder.CLICK_EVERY_MILLIS / 1000 / 2;
        for (int onset : ClickDetector.onsets(played, ONSET_THRESHOLD, refractory)) {
            long playedAt = timeline.epochNanosOfSample(onset);
            pushes.stream().filter(p -> p <= playedAt).reduce((a, b) -> b)
                    .ifPresent(pushed -> latencies.add((playedAt - pushed) / 1e6));
        }
        return latencies;
    }

    private Map<String, Object> measures(List<Double> latencies, PlaybackStats playback) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clicksPushed", clicks);
        m.put("clicksHeard", latencies.size());
        m.put("playoutDelayMs", PLAYOUT_DELAY_MILLIS);
        m.put("latencyMs", new Distribution(latencies).summary());
        m.put("speaker", Map.of("packetsReceived", playback.packetsReceived(), "lost", playback.lost(),
                "late", playback.late(), "concealed", playback.concealed()));
        return m;
    }
}
