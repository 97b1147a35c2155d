package vn.loa.bench.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import vn.loa.bench.support.ApiStatusException;
import vn.loa.bench.support.LoaApi;

/**
 * The streams of the broadcasts on air, read from {@code GET /api/broadcasts?active=true}. A broadcast may open
 * streams as it goes (a held playlist resumed, say), so every stream seen is remembered.
 */
final class BroadcastsOnAir implements StreamsOnAir {
    /** One page holds every broadcast on air: the server keeps at most 300 at once. */
    static final String ACTIVE_PATH = "/api/broadcasts?active=true&limit=1000";

    private final LoaApi api;
    private final Map<String, Set<String>> streamsSeen = new HashMap<>();

    BroadcastsOnAir(LoaApi api) {
        this.api = api;
    }

    /** Reads the broadcasts on air again; while the server is too busy to say, what was seen stands. */
    @Override
    public void refresh() throws IOException, InterruptedException {
        JsonNode page;
        try {
            page = api.get(ACTIVE_PATH);
        } catch (ApiStatusException e) {
            if (e.status() == ApiStatusException.SERVICE_UNAVAILABLE) {
                return;
            }
            throw e;
        }
        for (JsonNode broadcast : page.get("items")) {
            JsonNode streams = broadcast.path("onAir").path("streams");
            Set<String> seen = streamsSeen.computeIfAbsent(broadcast.get("id").asText(), id -> new LinkedHashSet<>());
            streams.forEach(s -> seen.add(s.asText()));
        }
    }

    /** Every stream the broadcast has been seen to have, main first. */
    @Override
    public Set<String> streams(String broadcastId) {
        return streamsSeen.getOrDefault(broadcastId, Set.of());
    }
}
