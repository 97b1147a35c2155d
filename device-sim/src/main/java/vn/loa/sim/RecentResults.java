package vn.loa.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.protocol.message.CommandResult;

/** The results of the last few commands by id, so a QoS 1 redelivery is answered again rather than applied again. */
final class RecentResults {
    private final Map<String, CommandResult> byId;

    RecentResults(int capacity) {
        this.byId = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CommandResult> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized CommandResult get(String id) {
        return byId.get(id);
    }

    synchronized void put(String id, CommandResult result) {
        byId.put(id, result);
    }
}
