package vn.loa.controller.broadcast;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.http.ApiException;

/** The active speakers a broadcast's targets reach for its caller, each with its area. */
final class TargetSpeakers {
    /** Longest id list bound into one SQL statement. */
    private static final int SQL_CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(TargetSpeakers.class);

    private record Placed(String id, Long areaId) {
    }

    private final DeviceTargets targets;
    private final Jdbi jdbi;

    TargetSpeakers(DeviceTargets targets, Jdbi jdbi) {
        this.targets = targets;
        this.jdbi = jdbi;
    }

    /** For a new broadcast: a target the caller may not see or command is refused (404/409). */
    Map<String, Long> resolve(Caller caller, List<CommandTarget> targetList) {
        Set<String> ids = new LinkedHashSet<>();
        for (CommandTarget target : targetList) {
            ids.addAll(targets.resolve(caller, target, DeviceTargets.COMMANDABLE).deviceIds());
        }
        return withAreas(ids);
    }

    /** For a broadcast on air: a target that vanished or turned inactive reaches nobody now. */
    Map<String, Long> reachNow(Caller caller, List<CommandTarget> targetList) {
        Set<String> ids = new LinkedHashSet<>();
        for (CommandTarget target : targetList) {
            try {
                ids.addAll(targets.resolve(caller, target, DeviceTargets.COMMANDABLE).deviceIds());
            } catch (ApiException e) {
                log.debug("target {} reaches nobody now: {}", target.label(), e.getMessage());
            }
        }
        return withAreas(ids);
    }

    /** The area of each known device among {@code ids} (null for none), in the order given. */
    Map<String, Long> withAreas(Set<String> ids) {
        Map<String, Long> areas = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += SQL_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + SQL_CHUNK));
            jdbi.useHandle(h -> h.createQuery("SELECT id, area_id FROM devices WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> new Placed(rs.getString("id"), rs.getObject("area_id", Long.class)))
                    .forEach(p -> areas.put(p.id(), p.areaId())));
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String id : all) {
            if (areas.containsKey(id)) {
                ordered.put(id, areas.get(id));
            }
        }
        return ordered;
    }
}
