package vn.loa.controller.area;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import vn.loa.controller.http.ApiException;

/**
 * Places an already checked import tree, one level at a time inside the caller's transaction: each node is matched
 * to an existing area (same code; without a code, same parent and name) or inserted with the rest of its level.
 * Lookups are batched per level, and skipped under areas this import has just created, so a large import costs a
 * few statements per level rather than several per area.
 */
final class AreaTreeImport {
    private final Handle handle;
    private final AreaRepository areas;
    private final Set<Long> createdIds = new HashSet<>();
    private int existing;

    AreaTreeImport(Handle handle, AreaRepository areas) {
        this.handle = handle;
        this.areas = areas;
    }

    AreaService.ImportResult run(Area parent, AreaRequests.ImportNode root) {
        List<Placement> level = List.of(new Placement(parent, root));
        while (!level.isEmpty()) {
            level = placeLevel(level);
        }
        return new AreaService.ImportResult(createdIds.size(), existing);
    }

    /** Places one level and returns the next: every child under the area its parent became. */
    private List<Placement> placeLevel(List<Placement> level) {
        Map<String, Area> byCode = areas.findByCodes(handle, level.stream()
                .map(p -> p.node().code()).filter(Objects::nonNull).toList());
        Map<Long, Map<String, Area>> uncodedByParent = new HashMap<>();

        List<Placement> next = new ArrayList<>();
        List<AreaRepository.NewArea> toInsert = new ArrayList<>();
        List<AreaRequests.ImportNode> inserted = new ArrayList<>();
        for (Placement placement : level) {
            AreaRequests.ImportNode node = placement.node();
            Long parentId = placement.parentId();
            Area match;
            if (node.code() != null) {
                match = byCode.get(node.code());
                if (match != null && !Objects.equals(match.parentId(), parentId)) {
                    throw ApiException.conflict("an area with this code already exists elsewhere in the tree",
                            Map.of("code", node.code()));
                }
            } else if (parentId != null && createdIds.contains(parentId)) {
                match = null;
            } else {
                match = uncodedByParent.computeIfAbsent(parentId, id -> areas.uncodedChildren(handle, id).stream()
                        .collect(Collectors.toMap(Area::name, Function.identity(), (first, second) -> first)))
                        .get(node.name());
            }
            if (match != null) {
                existing++;
                node.childList().forEach(child -> next.add(new Placement(match, child)));
            } else {
                toInsert.add(new AreaRepository.NewArea(placement.parent(), node.code(), node.name(),
                        AreaKind.parse(node.kind()).orElseThrow()));
                inserted.add(node);
            }
        }
        List<Area> createdAreas = areas.insertAll(handle, toInsert);
        for (int i = 0; i < createdAreas.size(); i++) {
            Area area = createdAreas.get(i);
            createdIds.add(area.id());
            inserted.get(i).childList().forEach(child -> next.add(new Placement(area, child)));
        }
        return next;
    }

    private record Placement(Area parent, AreaRequests.ImportNode node) {
        Long parentId() {
            return parent == null ? null : parent.id();
        }
    }
}
