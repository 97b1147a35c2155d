package vn.loa.streamer.source;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import java.net.URI;
import java.nio.ShortBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.streamer.media.FfmpegLog;
import vn.loa.streamer.opus.OpusEncoder;
import vn.loa.streamer.opus.OpusSettings;

/**
 * Relays a network stream (HTTP/Icecast radio, RTSP, RTMP): FFmpeg decodes it on a daemon thread of its own,
 * resampled to 48 kHz mono, and {@link LiveOpusPipeline} turns it into Opus frames with in-band FEC (20 ms unless a
 * relay with a fallback asks for 60, see {@link FallbackSource}). On end of stream, error or stall (network reads time
 * out after half of {@code deadAfter}) it reconnects with exponential back-off.
 * Health: DEAD when no audio arrived for {@code deadAfter}, SILENT when it stayed below the silence threshold for
 * {@code silenceAfter}, PLAYING otherwise; it never ends by itself.
 */
public final class RelaySource extends EncodingFrameSource {

    /** Decoded audio waiting for the pacer; beyond it the oldest is dropped and counted. */
    public static final int MAX_QUEUED_MILLIS = 1_000;
    /** Network protocols only: an operator's URL must not make the server read its own files. */
    public static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https", "rtsp", "rtmp", "rtmps");

    private static final Logger log = LoggerFactory.getLogger(RelaySource.class);
    /** What FFmpeg may open while following the URL (HLS segments, RTSP transports, TLS). */
    private static final String PROTOCOL_WHITELIST = "http,https,tcp,tls,crypto,rtsp,rtp,udp,rtmp,rtmps";
    private static final String USER_AGENT = "Loa relay";
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final URI url;
    private final RelaySettings settings;
    private final Thread decoder;
    private volatile boolean closed;

    /**
     * Starts decoding at once.
     *
     * @throws IllegalArgumentException when the URL's scheme is not one of {@link #ALLOWED_SCHEMES}
     */
    public RelaySource(URI url, RelaySettings settings) {
        this(url, settings, OpusSettings.live().frameMillis());
    }

    /**
     * As {@link #RelaySource(URI, RelaySettings)}, in frames of {@code frameMillis} (20 or 60).
     *
     * @throws IllegalArgumentException when the URL's scheme is not one of {@link #ALLOWED_SCHEMES}
     */
    public RelaySource(URI url, RelaySettings settings, int frameMillis) {
        super(checkedUrl(url).toString(), new LiveOpusPipeline(
                SourceHealthTracker.forRelay(url.toString(), settings.silenceRule(), settings.deadAfter()),
                MAX_QUEUED_MILLIS, encoding(frameMillis)));
        this.url = url;
        this.settings = settings;
        FfmpegLog.install();
        this.decoder = new Thread(this::relayUntilClosed, "relay-" + THREAD_NUMBER.incrementAndGet());
        decoder.setDaemon(true);
        decoder.start();
    }

    /** The live encoding (bitrate, in-band FEC) at the frame duration asked for. */
    private static OpusSettings encoding(int frameMillis) {
        OpusSettings live = OpusSettings.live();
        return new OpusSettings(frameMillis, live.bitrate(), live.inbandFec(), live.expectedLossPercent());
    }

    private static URI checkedUrl(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!ALLOWED_SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException(
                    "relay URL must use one of " + ALLOWED_SCHEMES + ", got '" + url + "'");
        }
        return url;
    }

    /**
     * Stops the decoder thread, which frees FFmpeg and the encoder on its way out. Waits at most the network read
     * timeout (a read in progress cannot be cut short) plus a second.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pipeline.markEnded();
        decoder.interrupt();
        try {
            decoder.join(readTimeout().plus(CLOSE_GRACE).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (decoder.isAlive()) {
            log.warn("Relay {} decoder still blocked in a read; it will exit when the read times out", url);
        }
    }

    private void relayUntilClosed() {
        ReconnectBackoff backoff = new ReconnectBackoff(settings.reconnectMin(), settings.reconnectMax());
        try {
            while (!closed) {
                if (relayOneConnection()) {
                    backoff.reset();
                }
                if (!closed) {
                    Duration wait = backoff.next();
                    log.info("Relay {} reconnecting in {} ms", url, wait.toMillis());
                    pipeline.health();
                    TimeUnit.NANOSECONDS.sleep(wait.toNanos());
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts a back-off or a throttling wait: leave
        } finally {
            pipeline.close();
        }
    }

    /** Decodes until end of stream, error, stall or close; true if any audio arrived. */
    private boolean relayOneConnection() throws InterruptedException {
        FFmpegFrameGrabber grabber = newGrabber();
        boolean heardAudio = false;
        try {
            grabber.start();
            log.info("Relay {} connected: {} ({} Hz, {} channels)", url, grabber.getFormat(),
                    grabber.getSampleRate(), grabber.getAudioChannels());
            pipeline.discontinuity();
            RealTimeThrottle throttle = new RealTimeThrottle(MAX_QUEUED_MILLIS / 2);
            Frame frame;
            while (!closed && (frame = grabber.grabSamples()) != null) {
                if (frame.samples == null) {
                    continue;
                }
                ShortBuffer samples = (ShortBuffer) frame.samples[0];
                int count = samples.remaining();
                heardAudio |= count > 0;
                pipeline.accept(samples);
                pipeline.health();
                throttle.waitIfAhead(count);
            }
            if (!closed) {
                log.warn("Relay {} ended or stalled", url);
            }
        } catch (FrameGrabber.Exception e) {
            if (!closed) {
                log.warn("Relay {} failed: {}", url, e.getMessage());
            }
        } catch (RuntimeException e) {
            // a decoder or encoder fault must not end the relay for good: log it and retry like any failure
            log.error("Relay {} hit an unexpected error", url, e);
        } finally {
            release(grabber);
        }
        return heardAudio;
    }

    private FFmpegFrameGrabber newGrabber() {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url.toString());
        String timeoutMicros = Long.toString(TimeUnit.NANOSECONDS.toMicros(readTimeout().toNanos()));
        grabber.setOption("rw_timeout", timeoutMicros);
        grabber.setOption("timeout", timeoutMicros);
        grabber.setOption("protocol_whitelist", PROTOCOL_WHITELIST);
        grabber.setOption("user_agent", USER_AGENT);
        grabber.setSampleRate(OpusEncoder.SAMPLE_RATE);
        grabber.setAudioChannels(1);
        grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
        return grabber;
    }

    /** Half the dead time: a stalled connection is replaced before the source is declared DEAD. */
    private Duration readTimeout() {
        return settings.deadAfter().dividedBy(2);
    }

    private void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            log.warn("Relay {} could not release its decoder cleanly: {}", url, e.getMessage());
        }
    }

    /**
     * Keeps a source that delivers faster than real time (a file on a web server, an Icecast burst-on-connect) from
     * running more than half the queue's length ahead of the clock, so nothing is dropped for being early.
     */
    private static final class RealTimeThrottle {
        private final long startNanos = System.nanoTime();
        private final long allowedLeadNanos;
        private long decodedSamples;

        RealTimeThrottle(int allowedLeadMillis) {
            this.allowedLeadNanos = TimeUnit.MILLISECONDS.toNanos(allowedLeadMillis);
        }

        void waitIfAhead(int newSamples) throws InterruptedException {
            decodedSamples += newSamples;
            long audioNanos = decodedSamples * 1_000_000_000L / OpusEncoder.SAMPLE_RATE;
            long lead = audioNanos - (System.nanoTime() - startNanos) - allowedLeadNanos;
            if (lead > 0) {
                TimeUnit.NANOSECONDS.sleep(lead);
            }
        }
    }
}
