package vn.loa.controller.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects result changes and writes them in one transaction per flush, so that an area command answered by
 * ten thousand devices costs a handful of batches rather than ten thousand transactions.
 */
final class ResultWriter {
    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);

    private record Change(String commandId, DeviceResult result) {
    }

    private final CommandStore store;
    private final ConcurrentLinkedQueue<Change> queue = new ConcurrentLinkedQueue<>();

    ResultWriter(CommandStore store) {
        this.store = store;
    }

    void add(String commandId, DeviceResult result) {
        queue.add(new Change(commandId, result));
    }

    /** Writes everything queued so far; on a database error the changes stay queued for the next flush. */
    void flush() {
        List<Change> drained = new ArrayList<>();
        for (Change change = queue.poll(); change != null; change = queue.poll()) {
            drained.add(change);
        }
        if (drained.isEmpty()) {
            return;
        }
        Map<String, List<DeviceResult>> byCommand = new LinkedHashMap<>();
        for (Change change : drained) {
            byCommand.computeIfAbsent(change.commandId(), id -> new ArrayList<>()).add(change.result());
        }
        try {
            store.update(byCommand);
        } catch (RuntimeException e) {
            log.warn("could not write {} command results, will retry: {}", drained.size(), e.toString());
            queue.addAll(drained);
        }
    }
}
