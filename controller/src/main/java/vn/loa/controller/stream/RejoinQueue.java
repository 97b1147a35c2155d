package vn.loa.controller.stream;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Speakers waiting for a fresh play order after they reported losing a stream, by stream id. A wave of such reports
 * (a server busy for seconds, a cell tower back on air) is answered with one command per stream rather than one per
 * speaker, and speakers whose command could not be sent yet stay here for the next round. Thread-safe.
 */
final class RejoinQueue {
    private final Map<String, Set<String>> byStream = new LinkedHashMap<>();

    /** @return true if nothing was waiting before: a new round is to be scheduled */
    synchronized boolean add(String streamId, Collection<String> deviceIds) {
        boolean first = byStream.isEmpty();
        byStream.computeIfAbsent(streamId, id -> new LinkedHashSet<>()).addAll(deviceIds);
        return first;
    }

    /** Everything waiting, which leaves the queue. */
    synchronized Map<String, Set<String>> drain() {
        Map<String, Set<String>> due = new LinkedHashMap<>(byStream);
        byStream.clear();
        return due;
    }
}
