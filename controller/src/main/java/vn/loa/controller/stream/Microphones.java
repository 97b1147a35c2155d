package vn.loa.controller.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The microphones feeding live streams: at most one per stream (two feeds would interleave into noise), and when
 * the last one of each stream left, so a live broadcast nobody speaks into can end by itself.
 */
final class Microphones {
    /** Stream id to the session id of the WebSocket feeding it. */
    private final Map<String, String> feeding = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastLeft = new ConcurrentHashMap<>();
    private final Clock clock;

    Microphones(Clock clock) {
        this.clock = clock;
    }

    boolean isFed(String streamId) {
        return feeding.containsKey(streamId);
    }

    /** Takes the stream for this session; false when another microphone feeds it. */
    boolean claim(String streamId, String sessionId) {
        return feeding.putIfAbsent(streamId, sessionId) == null;
    }

    /** The session's microphone is gone (if it was the one feeding the stream). */
    void release(String streamId, String sessionId) {
        if (feeding.remove(streamId, sessionId)) {
            lastLeft.put(streamId, clock.instant());
        }
    }

    /** When the stream's last microphone left; empty if none ever fed it. */
    Optional<Instant> lastLeft(String streamId) {
        return Optional.ofNullable(lastLeft.get(streamId));
    }

    /** The stream is gone. */
    void forget(String streamId) {
        lastLeft.remove(streamId);
    }
}
