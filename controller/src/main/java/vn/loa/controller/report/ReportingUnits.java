package vn.loa.controller.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loa.controller.area.AreaKind;

/**
 * The areas the airtime report has rows for, inside the subtree asked about: each commune or ward, with its
 * villages rolled up into it. An area under no commune or ward of the subtree (a district's own speakers, or a
 * subtree that is itself a village) is its own unit, so every speaker counts somewhere and only once.
 */
final class ReportingUnits {
    private static final Set<String> UNIT_KINDS = Set.of(AreaKind.COMMUNE.wireName(), AreaKind.WARD.wireName());

    /** An area of the subtree. */
    record Unit(long id, String name, String kind, String path) {
    }

    private final Map<Long, Unit> areas = new HashMap<>();
    private final Map<Long, Long> unitOf = new HashMap<>();
    private final int rootDepth;

    /** @param subtree every area of the subtree, its root first or not */
    ReportingUnits(String rootPath, Collection<Unit> subtree) {
        this.rootDepth = ids(rootPath).size();
        subtree.forEach(a -> areas.put(a.id(), a));
    }

    /** The unit an area of the subtree counts in. */
    long unitOf(long areaId) {
        return unitOf.computeIfAbsent(areaId, this::findUnit);
    }

    /** The communes and wards of the subtree: they have rows even when nothing played there. */
    List<Unit> communes() {
        return areas.values().stream().filter(a -> UNIT_KINDS.contains(a.kind())).toList();
    }

    Unit area(long id) {
        return areas.get(id);
    }

    private long findUnit(long areaId) {
        List<Long> path = ids(areas.get(areaId).path());
        for (int i = path.size() - 1; i >= Math.max(0, rootDepth - 1); i--) {
            Unit ancestor = areas.get(path.get(i));
            if (ancestor != null && UNIT_KINDS.contains(ancestor.kind())) {
                return ancestor.id();
            }
        }
        return areaId;
    }

    private static List<Long> ids(String path) {
        List<Long> ids = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.parseLong(part));
            }
        }
        return ids;
    }
}
