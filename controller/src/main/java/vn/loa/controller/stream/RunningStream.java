package vn.loa.controller.stream;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.loa.controller.command.CommandTarget;
import vn.loa.streamer.RtpStream;
import vn.loa.streamer.source.LivePcmSource;
import vn.loa.streamer.source.MediaFrameSource;
import vn.loa.streamer.source.PausableSource;

/**
 * A stream the controller started: the streamer's {@link RtpStream} with what the API needs around it. Streams
 * live in memory only and end with the process.
 *
 * @param volume   the volume every play order of the stream carries (a broadcast's), null for none
 * @param live     the source to push PCM into, for a live stream; null otherwise
 * @param playlist the pre-encoded playlist of a media stream, null otherwise
 * @param control  holds the stream still (media only; null otherwise)
 * @param media    the media items the stream plays (see {@link OpenedSource#media()})
 */
record RunningStream(String name, SourceSpec source, String createdBy, Instant startedAt, int delayMs,
                     Integer volume, RtpStream rtp, LivePcmSource live, MediaFrameSource playlist,
                     PausableSource control, List<Long> media, Set<CommandTarget> playTargets, Set<String> toldToPlay,
                     Ended ended) {

    RunningStream(String name, SourceSpec source, String createdBy, Instant startedAt, int delayMs, Integer volume,
                  RtpStream rtp, OpenedSource opened) {
        this(name, source, createdBy, startedAt, delayMs, volume, rtp, opened.live(), opened.playlist(),
                opened.control(), opened.media(), ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(),
                new Ended());
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
