package vn.loa.sim.audio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One speaker's playbacks, oldest first: the last {@link AudioPlane#HISTORY_PER_SPEAKER} that ended, then the one
 * going on, if any. Ended playbacks are kept as records, not sessions, so a long run holds little per speaker.
 */
final class PlaybackHistory {
    private final Deque<PlaybackRecord> ended = new ArrayDeque<>();
    private PlaybackSession current;

    synchronized void began(PlaybackSession session) {
        current = session;
    }

    synchronized void ended(PlaybackSession session, PlaybackRecord record) {
        if (ended.size() == AudioPlane.HISTORY_PER_SPEAKER) {
            ended.removeFirst();
        }
        ended.addLast(record);
        if (current == session) {
            current = null;
        }
    }

    synchronized List<PlaybackRecord> records() {
        List<PlaybackRecord> all = new ArrayList<>(ended);
        if (current != null) {
            all.add(current.record());
        }
        return all;
    }

    /** When the speaker first played audio of the stream at or after {@code sinceMillis}; null if it has not. */
    synchronized Long firstAudio(String streamId, long sinceMillis) {
        Long first = null;
        for (PlaybackRecord r : ended) {
            first = earlier(first, r.streamId(), r.startedAtMillis(), streamId, sinceMillis);
        }
        if (current != null) {
            first = earlier(first, current.streamId(), current.startedAtMillis(), streamId, sinceMillis);
        }
        return first;
    }

    private static Long earlier(Long first, String stream, Long startedAt, String streamId, long sinceMillis) {
        if (startedAt == null || startedAt < sinceMillis || !stream.equals(streamId)) {
            return first;
        }
        return first == null || startedAt < first ? startedAt : first;
    }
}
