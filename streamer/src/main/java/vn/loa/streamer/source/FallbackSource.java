package vn.loa.streamer.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay that plays a fallback item while it is down: while the relay is {@link SourceHealth#PLAYING} its frames go
 * out; once its own thresholds call it {@link SourceHealth#SILENT} or {@link SourceHealth#DEAD} the fallback plays
 * instead, from its start at every switch-over, and the relay is still polled every tick and its frames discarded, so
 * it keeps judging its silence, reconnecting and draining its queue. When the relay plays again, so does the stream.
 *
 * <p>Frame periods: the stream's pacer polls at the period of its source, fixed when the stream opens, and a speaker
 * decodes every packet as one frame of the period its play order names, so both sources must yield frames of one
 * duration; this class refuses a pair that does not. Media items are stored in 60 ms frames, so a relay with a
 * fallback is opened at 60 ms ({@link RelaySource#RelaySource(java.net.URI, RelaySettings, int)}: the same live
 * encoding with in-band FEC, 40 ms more latency, which a relayed radio programme does not notice, and a third of the
 * packets). Re-encoding the fallback to the relay's usual 20 ms instead was tried and measured: decoding and encoding
 * two minutes of audio took seconds of CPU per stream opened, on the thread opening it, which a scheduled start on
 * time cannot afford.
 *
 * <p>Health is the relay's (so broadcasting can raise "relay silent, fallback playing" and clear it), and
 * {@link SourceHealth#ENDED} only once closed. Polled from the pacer's thread; health and description from any.
 */
public final class FallbackSource implements FrameSource {

    private static final Logger log = LoggerFactory.getLogger(FallbackSource.class);

    private final FrameSource relay;
    private final MediaFrameSource fallback;
    /** The fallback as it plays now, null while the relay plays; touched by the pacer's thread only. */
    private MediaFrameSource playing;
    private volatile boolean onFallback;
    private volatile boolean closed;

    /**
     * @param fallback usually looping; it is reopened from its start at every switch-over, never polled itself
     * @throws IllegalArgumentException when the two yield frames of different durations
     */
    public FallbackSource(FrameSource relay, MediaFrameSource fallback) {
        if (relay.frameMillis() != fallback.frameMillis()) {
            throw new IllegalArgumentException("the fallback " + fallback.describe() + " has " + fallback.frameMillis()
                    + " ms frames but the relay " + relay.describe() + " has " + relay.frameMillis() + " ms frames");
        }
        this.relay = relay;
        this.fallback = fallback;
    }

    @Override
    public int frameMillis() {
        return relay.frameMillis();
    }

    @Override
    public byte[] poll() {
        if (closed) {
            throw new IllegalStateException("fallback source for " + relay.describe() + " is closed");
        }
        byte[] relayed = relay.poll();
        SourceHealth health = relay.health();
        if (health == SourceHealth.SILENT || health == SourceHealth.DEAD) {
            if (playing == null) {
                playing = fallback.reopenedAt(0);
                onFallback = true;
                log.warn("Relay {} is {}: playing the fallback {}", relay.describe(), health, fallback.describe());
            }
            return playing.poll();
        }
        if (playing != null) {
            playing.close();
            playing = null;
            onFallback = false;
            log.info("Relay {} is {} again: the fallback {} stops", relay.describe(), health, fallback.describe());
        }
        return relayed;
    }

    /** Whether the fallback is what goes out now. */
    public boolean playingFallback() {
        return onFallback;
    }

    @Override
    public SourceHealth health() {
        return closed ? SourceHealth.ENDED : relay.health();
    }

    @Override
    public String describe() {
        return onFallback
                ? fallback.describe() + " (fallback while " + relay.describe() + " is down)"
                : relay.describe() + " (fallback: " + fallback.describe() + ")";
    }

    @Override
    public void close() {
        closed = true;
        onFallback = false;
        relay.close();
    }
}
