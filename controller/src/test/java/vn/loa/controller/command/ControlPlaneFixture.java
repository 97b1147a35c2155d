package vn.loa.controller.command;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.desired.DesiredPublisher;
import vn.loa.controller.desired.DesiredRoutes;
import vn.loa.controller.membership.GroupMembershipCache;
import vn.loa.controller.membership.MembershipRoutes;
import vn.loa.controller.membership.MembershipService;
import vn.loa.controller.storage.Database;
import vn.loa.controller.testing.RecordingPublisher;
import vn.loa.controller.testing.RouteServer.Response;
import vn.loa.controller.testing.RouteServer;
import vn.loa.protocol.Timing;

/**
 * A real H2 file database holding a small province, the command, desired-state and membership services wired
 * as the server wires them, and their routes on a {@link RouteServer}, where a request's bearer token is the
 * username of one of the callers below.
 *
 * <pre>
 * province 1 (/1/)  ── commune A 2 (/1/2/) ── village A1 3 (/1/2/3/)
 *                   └─ commune B 4 (/1/4/)
 * devices: a1, a2 (A), a3 (A1), b1 (B) active; a-revoked (A) revoked; a-new (A) registered
 * groups:  10 "A speakers" (area A): a1, a3;  11 "B speakers" (area B): b1;
 *          12 "A mixed" (area A): a1, b1 — b1 lies outside commune A's scope
 * </pre>
 */
public final class ControlPlaneFixture implements AutoCloseable {
    public static final long PROVINCE = 1;
    public static final long COMMUNE_A = 2;
    public static final long VILLAGE_A1 = 3;
    public static final long COMMUNE_B = 4;
    public static final String GROUP_A = "10";
    public static final String GROUP_B = "11";
    public static final String GROUP_MIXED = "12";
    public static final List<String> ALL_DEVICES = List.of("a1", "a2", "a3", "b1", "a-revoked", "a-new");

    public static final Caller ADMIN = new Caller("admin", Role.ADMIN, null);
    public static final Caller OPERATOR_A = new Caller("op-a", Role.OPERATOR, COMMUNE_A);
    public static final Caller APPROVER_A = new Caller("approver-a", Role.APPROVER, COMMUNE_A);
    public static final Caller VIEWER_A = new Caller("viewer-a", Role.VIEWER, COMMUNE_A);
    public static final Caller OPERATOR_B = new Caller("op-b", Role.OPERATOR, COMMUNE_B);

    private static final Map<String, Caller> USERS = Map.of(ADMIN.username(), ADMIN, OPERATOR_A.username(), OPERATOR_A,
            APPROVER_A.username(), APPROVER_A, VIEWER_A.username(), VIEWER_A, OPERATOR_B.username(), OPERATOR_B);

    public final Database database;
    public final Jdbi jdbi;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final Set<String> online = ConcurrentHashMap.newKeySet();
    public final RecordingPublisher publisher = new RecordingPublisher();
    public final AnsweringDevices devices;
    public final AreaScopes scopes;
    public final AuditLog audit;
    public final GroupMembershipCache membership;
    public final CommandService commands;
    public final DesiredPublisher desired;
    public final MembershipService memberships;
    private final RouteServer http;

    public ControlPlaneFixture(Path dir) {
        database = new Database(Database.h2FileUrl(dir), "sa", "", 4);
        jdbi = database.jdbi();
        seed();
        scopes = new AreaScopes(jdbi);
        audit = new AuditLog(jdbi);
        membership = GroupMembershipCache.load(jdbi);
        devices = new AnsweringDevices(publisher, group -> ALL_DEVICES.stream()
                .filter(d -> online.contains(d) && membership.groupsOf(d).contains(group))
                .toList());
        commands = newCommandService();
        devices.answerWith(commands::onResult);
        commands.start();
        desired = new DesiredPublisher(jdbi, publisher, membership, Clock.systemUTC());
        memberships = new MembershipService(jdbi, membership, desired, publisher, audit, scopes);

        http = new RouteServer(token -> Optional.ofNullable(USERS.get(token)), new CommandRoutes(commands),
                new DesiredRoutes(desired, jdbi, scopes, audit), new MembershipRoutes(memberships));
    }

    /** Another command service on the same database, as after a restart of the server. */
    public CommandService newCommandService() {
        return new CommandService(jdbi, meters, publisher, online::contains, audit, scopes, Clock.systemUTC(),
                Timing.DEFAULT_COMMAND_EXPIRY_SECONDS);
    }

    public Response get(Caller caller, String path) {
        return http.send(caller.username(), "GET", path, null, null);
    }

    public Response post(Caller caller, String path, String json) {
        return http.send(caller.username(), "POST", path, "application/json", json);
    }

    public Response put(Caller caller, String path, String json) {
        return http.send(caller.username(), "PUT", path, "application/json", json);
    }

    public Response delete(Caller caller, String path) {
        return http.send(caller.username(), "DELETE", path, null, null);
    }

    public void insertDevice(String id, long areaId, String status) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO devices (id, serial, status, area_id, created_at, updated_at)"
                        + " VALUES (:id, :serial, :status, :area, :now, :now)")
                .bind("id", id)
                .bind("serial", "SN-" + id)
                .bind("status", status)
                .bind("area", areaId)
                .bind("now", now)
                .execute());
    }

    /** Inserts {@code count} active devices {@code prefix-0, prefix-1, ...} in one batch; returns their ids. */
    public List<String> insertActiveDevices(String prefix, int count, long areaId) {
        List<String> ids = new ArrayList<>(count);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbi.useTransaction(h -> {
            PreparedBatch devices = h.prepareBatch("INSERT INTO devices (id, serial, status, area_id, created_at,"
                    + " updated_at) VALUES (:id, :id, 'active', :area, :now, :now)");
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                ids.add(id);
                devices.bind("id", id).bind("area", areaId).bind("now", now).add();
            }
            devices.execute();
        });
        return ids;
    }

    public long desiredVersion(String deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT desired_version FROM devices WHERE id = :id")
                .bind("id", deviceId)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void close() {
        http.close();
        commands.close();
        devices.close();
        database.close();
    }

    private void seed() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbi.useHandle(h -> {
            for (Object[] area : new Object[][] {
                    {PROVINCE, null, "Tỉnh Thử", "province", "/1/"},
                    {COMMUNE_A, PROVINCE, "Xã An", "commune", "/1/2/"},
                    {VILLAGE_A1, COMMUNE_A, "Thôn Một", "village", "/1/2/3/"},
                    {COMMUNE_B, PROVINCE, "Xã Bình", "commune", "/1/4/"}}) {
                h.createUpdate("INSERT INTO areas (id, parent_id, name, kind, path, created_at)"
                                + " VALUES (:id, :parent, :name, :kind, :path, :now)")
                        .bind("id", (Long) area[0])
                        .bind("parent", (Long) area[1])
                        .bind("name", (String) area[2])
                        .bind("kind", (String) area[3])
                        .bind("path", (String) area[4])
                        .bind("now", now)
                        .execute();
            }
            for (Object[] group : new Object[][] {
                    {GROUP_A, "A speakers"}, {GROUP_B, "B speakers"}, {GROUP_MIXED, "A mixed"}}) {
                h.createUpdate("INSERT INTO speaker_groups (id, name, area_id, created_at) VALUES (:id, :name, :area, :now)")
                        .bind("id", Long.parseLong((String) group[0]))
                        .bind("name", (String) group[1])
                        .bind("area", group[0].equals(GROUP_B) ? COMMUNE_B : COMMUNE_A)
                        .bind("now", now)
                        .execute();
            }
        });
        insertDevice("a1", COMMUNE_A, "active");
        insertDevice("a2", COMMUNE_A, "active");
        insertDevice("a3", VILLAGE_A1, "active");
        insertDevice("b1", COMMUNE_B, "active");
        insertDevice("a-revoked", COMMUNE_A, "revoked");
        insertDevice("a-new", COMMUNE_A, "registered");
        jdbi.useHandle(h -> {
            for (String[] member : new String[][] {
                    {GROUP_A, "a1"}, {GROUP_A, "a3"}, {GROUP_B, "b1"}, {GROUP_MIXED, "a1"}, {GROUP_MIXED, "b1"}}) {
                h.createUpdate("INSERT INTO group_members (group_id, device_id) VALUES (:group, :device)")
                        .bind("group", Long.parseLong(member[0]))
                        .bind("device", member[1])
                        .execute();
            }
        });
    }
}
