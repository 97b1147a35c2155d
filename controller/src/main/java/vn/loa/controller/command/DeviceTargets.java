package vn.loa.controller.command;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.device.Device;
import vn.loa.controller.device.DeviceRepository;
import vn.loa.controller.device.ScopedDevices;
import vn.loa.controller.group.GroupRepository;
import vn.loa.controller.group.ScopedGroups;
import vn.loa.controller.http.ApiException;
import vn.loa.protocol.Ids;

/**
 * Finds the devices a device, group or area target reaches, within the caller's area scope. A target the caller
 * may not see is reported as not found, like everything else out of scope.
 */
public final class DeviceTargets {
    /** Devices that can receive a command now: approved and holding credentials. */
    public static final Set<String> COMMANDABLE = Set.of("active");
    /** Devices whose desired state is kept: the active ones and the imported ones that will connect later. */
    public static final Set<String> CONFIGURABLE = Set.of("registered", "active");
    /** Longest id list bound into one SQL statement. */
    static final int SQL_CHUNK = 500;

    private final Jdbi jdbi;
    private final AreaScopes scopes;
    private final ScopedDevices devices;
    private final ScopedGroups groups;

    public DeviceTargets(Jdbi jdbi, AreaScopes scopes) {
        this.jdbi = jdbi;
        this.scopes = scopes;
        this.devices = new ScopedDevices(new DeviceRepository(jdbi), scopes);
        this.groups = new ScopedGroups(new GroupRepository(jdbi), scopes);
    }

    /** A device with its area and that area's materialised path (both null when it has none). */
    private record PlacedDevice(String id, Long areaId, String path) {
    }

    private static final RowMapper<PlacedDevice> PLACED = (rs, ctx) -> new PlacedDevice(rs.getString("id"),
            rs.getObject("area_id", Long.class), rs.getString("path"));

    public ResolvedTarget resolve(Caller caller, CommandTarget target, Set<String> statuses) {
        return switch (target.kind()) {
            case device -> resolveDevice(caller, target, statuses);
            case group -> resolveGroup(caller, target, statuses);
            case area -> resolveArea(caller, target, statuses);
            case broadcast, stream -> throw new IllegalArgumentException(target.kind()
                    + " commands go to the devices chosen for them, not to a target's");
        };
    }

    /** Throws 404 unless the target exists and the caller may see it. */
    public void requireVisible(Caller caller, CommandTarget target) {
        switch (target.kind()) {
            case device -> devices.require(caller, target.id());
            case group -> requireVisibleGroup(caller, target.id());
            case area -> requireVisibleArea(caller, target.id());
            case broadcast, stream -> {
                // any caller may read these commands: each sees the results of the devices in its scope
            }
        }
    }

    /** Throws 404 unless the device exists and the caller may see it. */
    public void requireVisibleDevice(Caller caller, String deviceId) {
        devices.require(caller, deviceId);
    }

    /** The group's numeric id, once it is known to exist and to belong to an area the caller covers. */
    public long requireVisibleGroup(Caller caller, String groupId) {
        if (!Ids.isGroupId(groupId)) {
            throw ApiException.notFound("group");
        }
        return groups.require(caller, Long.parseLong(groupId)).id();
    }

    /** The area's materialised path, once it is known to exist and to lie in the caller's scope. */
    public String requireVisibleArea(Caller caller, String areaId) {
        long id;
        try {
            id = Long.parseLong(areaId);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("area");
        }
        scopes.requireCovers(caller, id, "area");
        return scopes.pathOf(id).orElseThrow(() -> ApiException.notFound("area"));
    }

    /** Which of these device ids exist and lie in the caller's scope. */
    public Set<String> visibleDevices(Caller caller, Collection<String> deviceIds) {
        Predicate<String> inScope = scopeOf(caller);
        Set<String> visible = new HashSet<>();
        List<String> ids = List.copyOf(deviceIds);
        for (int from = 0; from < ids.size(); from += SQL_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SQL_CHUNK));
            for (PlacedDevice device : jdbi.withHandle(h -> h.createQuery(
                            "SELECT d.id, d.area_id, a.path FROM devices d LEFT JOIN areas a ON a.id = d.area_id"
                            + " WHERE d.id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map(PLACED)
                    .list())) {
                if (inScope.test(device.path())) {
                    visible.add(device.id());
                }
            }
        }
        return visible;
    }

    /** Whether an area path (null for a device in no area) lies in the caller's scope. */
    public Predicate<String> scopeOf(Caller caller) {
        Optional<String> prefix = scopes.scopePrefix(caller);
        return path -> prefix.isEmpty() || path != null && path.startsWith(prefix.get());
    }

    private ResolvedTarget resolveDevice(Caller caller, CommandTarget target, Set<String> statuses) {
        Device device = devices.require(caller, target.id());
        String status = device.status().name();
        if (!statuses.contains(status)) {
            throw ApiException.conflict("the device is " + status, Map.of("status", status));
        }
        Map<String, Long> area = device.areaId() == null ? Map.of() : Map.of(device.id(), device.areaId());
        return new ResolvedTarget(target, List.of(device.id()), area, true);
    }

    private ResolvedTarget resolveGroup(Caller caller, CommandTarget target, Set<String> statuses) {
        long groupId = requireVisibleGroup(caller, target.id());
        Predicate<String> inScope = scopeOf(caller);
        List<PlacedDevice> members = jdbi.withHandle(h -> h.createQuery(
                        "SELECT d.id, d.area_id, a.path FROM group_members m JOIN devices d ON d.id = m.device_id"
                        + " LEFT JOIN areas a ON a.id = d.area_id"
                        + " WHERE m.group_id = :group AND d.status IN (<statuses>) ORDER BY d.id")
                .bind("group", groupId)
                .bindList("statuses", List.copyOf(statuses))
                .map(PLACED)
                .list());
        List<PlacedDevice> reachable = members.stream().filter(m -> inScope.test(m.path())).toList();
        return new ResolvedTarget(target, reachable.stream().map(PlacedDevice::id).toList(), areasOf(reachable),
                reachable.size() == members.size());
    }

    private ResolvedTarget resolveArea(Caller caller, CommandTarget target, Set<String> statuses) {
        String path = requireVisibleArea(caller, target.id());
        List<PlacedDevice> reached = jdbi.withHandle(h -> h.createQuery("SELECT d.id, d.area_id, a.path"
                        + " FROM devices d JOIN areas a ON a.id = d.area_id"
                        + " WHERE a.path LIKE :prefix AND d.status IN (<statuses>) ORDER BY d.id")
                .bind("prefix", path + "%")
                .bindList("statuses", List.copyOf(statuses))
                .map(PLACED)
                .list());
        return new ResolvedTarget(target, reached.stream().map(PlacedDevice::id).toList(), areasOf(reached), true);
    }

    private static Map<String, Long> areasOf(List<PlacedDevice> devices) {
        Map<String, Long> areas = new HashMap<>();
        for (PlacedDevice device : devices) {
            if (device.areaId() != null) {
                areas.put(device.id(), device.areaId());
            }
        }
        return areas;
    }
}
