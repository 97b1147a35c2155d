package vn.loa.controller.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import vn.loa.controller.alarm.AlarmBoard;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.broadcast.BroadcastService;
import vn.loa.controller.broadcast.BroadcastView;
import vn.loa.controller.broadcast.Priority;
import vn.loa.controller.dashboard.DeviceCounts.DeviceState;
import vn.loa.controller.device.DeviceStatus;
import vn.loa.controller.device.LiveStateStore;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.Paging;

/**
 * The dashboard of an area: its speakers online, offline and pending, per child area, with the broadcasts on air
 * and the alarms raised. Speakers are counted in one pass over one query of the devices below the area (their area
 * paths), with online taken from the live state in memory, so the cost does not grow with the number of areas.
 * What a caller sees of a lower area is what a user scoped to that area would see.
 */
public final class DashboardService {
    private static final String ROOT_PATH = "/";
    private static final String AREAS = "SELECT id, name, kind, path FROM areas WHERE ";
    private static final String DEVICES = "SELECT d.id, d.status, a.path FROM devices d"
            + " LEFT JOIN areas a ON a.id = d.area_id WHERE d.status IN ('" + DeviceStatus.active + "', '"
            + DeviceStatus.registered + "', '" + DeviceStatus.pending + "')";

    private final Jdbi jdbi;
    private final AreaScopes scopes;
    private final LiveStateStore live;
    private final BroadcastService broadcasts;
    private final AlarmBoard alarms;

    public DashboardService(Jdbi jdbi, AreaScopes scopes, LiveStateStore live, BroadcastService broadcasts,
                            AlarmBoard alarms) {
        this.jdbi = jdbi;
        this.scopes = scopes;
        this.live = live;
        this.broadcasts = broadcasts;
        this.alarms = alarms;
    }

    /** @param areaId the area to look at, inside the caller's; null for the caller's own area (or the installation) */
    public Dashboard of(Caller caller, Long areaId) {
        caller.require(Role.VIEWER);
        if (areaId != null) {
            scopes.requireCovers(caller, areaId, "area");
        }
        Long rootId = areaId != null ? areaId : caller.areaId();
        DashboardArea root = rootId == null ? null : area(rootId);
        Caller looking = root == null ? caller : new Caller(caller.username(), caller.role(), root.id());
        List<DashboardArea> children = children(rootId);
        Map<Long, DeviceCounts> byChild = new HashMap<>();
        DeviceCounts totals = countDevices(root, byChild);
        List<AreaCounts> rows = children.stream()
                .map(child -> AreaCounts.of(child, byChild.getOrDefault(child.id(), DeviceCounts.NONE))).toList();
        List<BroadcastView> onAir = broadcasts.list(looking, true, new Paging(Dashboard.MAX_LISTED, 0)).items();
        return new Dashboard(root, totals, rows, onAir,
                onAir.stream().filter(b -> b.priority() == Priority.EMERGENCY).toList(),
                alarms.visibleTo(root == null ? null : root.path()).stream().limit(Dashboard.MAX_LISTED).toList());
    }

    /** Counts the speakers below {@code root} (everywhere for null), adding each to the child area it lies in. */
    private DeviceCounts countDevices(DashboardArea root, Map<Long, DeviceCounts> byChild) {
        String base = root == null ? ROOT_PATH : root.path();
        DeviceCounts[] totals = {DeviceCounts.NONE};
        jdbi.useHandle(h -> h.createQuery(DEVICES + " AND (:everywhere OR a.path LIKE :below)")
                .bind("everywhere", root == null).bind("below", base + "%")
                .map((rs, ctx) -> new Placed(rs.getString("id"), rs.getString("status"), rs.getString("path")))
                .forEach(device -> {
                    DeviceState state = stateOf(device);
                    totals[0] = totals[0].plus(state);
                    Long child = childOf(base, device.areaPath());
                    if (child != null) {
                        byChild.merge(child, DeviceCounts.NONE.plus(state), (counted, one) -> counted.plus(state));
                    }
                }));
        return totals[0];
    }

    private record Placed(String id, String status, String areaPath) {
    }

    private DeviceState stateOf(Placed device) {
        if (DeviceStatus.pending.name().equals(device.status())) {
            return DeviceState.PENDING;
        }
        return live.isOnline(device.id()) ? DeviceState.ONLINE : DeviceState.OFFLINE;
    }

    /** The id of the child of the area at {@code base} holding {@code areaPath}; null for the area itself or none. */
    private static Long childOf(String base, String areaPath) {
        if (areaPath == null || areaPath.length() <= base.length() || !areaPath.startsWith(base)) {
            return null;
        }
        int end = areaPath.indexOf('/', base.length());
        return Long.parseLong(areaPath.substring(base.length(), end));
    }

    private DashboardArea area(long id) {
        return jdbi.withHandle(h -> h.createQuery(AREAS + "id = :id").bind("id", id).map(DashboardService::area)
                .findOne()).orElseThrow(() -> ApiException.notFound("area"));
    }

    /** The area's children by name; the top-level areas for null. */
    private List<DashboardArea> children(Long parentId) {
        return jdbi.withHandle(h -> h.createQuery(AREAS + "COALESCE(parent_id, 0) = :parent ORDER BY name, id")
                .bind("parent", parentId == null ? 0 : parentId).map(DashboardService::area).list());
    }

    private static DashboardArea area(ResultSet rs, StatementContext ctx) throws SQLException {
        return new DashboardArea(rs.getLong("id"), rs.getString("name"), rs.getString("kind"), rs.getString("path"));
    }
}
