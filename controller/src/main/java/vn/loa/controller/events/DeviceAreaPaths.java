package vn.loa.controller.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The area path of devices ({@code /1/7/42/}), so what is said about a device reaches only the users whose area
 * subtree holds it.
 */
public final class DeviceAreaPaths {
    /** Devices looked up per query, to keep IN lists short. */
    static final int LOOKUP_CHUNK = 1000;

    private final Jdbi jdbi;

    public DeviceAreaPaths(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The path of each device placed in an area; devices without an area (or unknown) are absent. */
    public Map<String, String> of(Collection<String> deviceIds) {
        Map<String, String> paths = new HashMap<>();
        List<String> all = new ArrayList<>(deviceIds);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            jdbi.useHandle(h -> h.createQuery("SELECT d.id, a.path FROM devices d JOIN areas a ON a.id = d.area_id"
                            + " WHERE d.id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> paths.put(e.getKey(), e.getValue())));
        }
        return paths;
    }

    public Optional<String> of(String deviceId) {
        return Optional.ofNullable(of(List.of(deviceId)).get(deviceId));
    }
}
