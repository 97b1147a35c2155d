package vn.loa.controller.stream;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.loa.controller.command.CommandTarget;
import vn.loa.streamer.RtpStream;
import vn.loa.streamer.source.LivePcmSource;

/**
 * A stream the controller started: the streamer's {@link RtpStream} with what the API needs around it. Streams
 * live in memory only and end with the process.
 *
 * @param live the source to push PCM into, for a live stream; null otherwise
 */
record RunningStream(String name, SourceSpec source, String createdBy, Instant startedAt, int delayMs, RtpStream rtp,
                     LivePcmSource live, Set<CommandTarget> playTargets, Set<String> toldToPlay,
                     Ended ended) {

    RunningStream(String name, SourceSpec source, String createdBy, Instant startedAt, int delayMs, RtpStream rtp,
                  LivePcmSource live) {
        this(name, source, createdBy, startedAt, delayMs, rtp, live, ConcurrentHashMap.newKeySet(),
                ConcurrentHashMap.newKeySet(), new Ended());
    }

    String id() {
        return rtp.id();
    }

    /** When the stream ended (its source ran out, or it was closed); null while it runs. */
    static final class Ended {
        private volatile Instant at;

        Instant at() {
            return at;
        }

        void mark(Instant when) {
            if (at == null) {
                at = when;
            }
        }
    }
}
