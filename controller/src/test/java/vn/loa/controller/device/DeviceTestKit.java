package vn.loa.controller.device;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.storage.Database;
import vn.loa.controller.telemetry.TelemetryRoutes;
import vn.loa.controller.telemetry.TelemetryWriter;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.RecordingPublisher;
import vn.loa.controller.testing.RouteServer.Response;
import vn.loa.controller.testing.RouteServer;

/**
 * The device side wired as the server wires it, over a real H2 file database, its routes on a {@link RouteServer}.
 * A request names its caller as {@code role[:areaId]} (e.g. {@code "approver:2"}); a null caller sends no token.
 */
public final class DeviceTestKit implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-03-02T08:15:00Z");

    public final Database database;
    public final Jdbi jdbi;
    public final MutableClock clock = new MutableClock(START);
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final RecordingPublisher publisher = new RecordingPublisher();
    public final AuditLog audit;
    public final AreaScopes scopes;
    public final AreaDirectory areas;
    public final DeviceRepository devices;
    public final LiveStateStore live;
    public final DeviceStateTable stateTable;
    public final VerifiedSecrets verified = new VerifiedSecrets();
    public final DeviceLifecycle lifecycle;
    public final TelemetryWriter telemetry;
    private RouteServer http;

    public DeviceTestKit(Path dir) {
        database = new Database(Database.h2FileUrl(dir), "sa", "", 4);
        jdbi = database.jdbi();
        audit = new AuditLog(jdbi);
        scopes = new AreaScopes(jdbi);
        areas = new AreaDirectory(jdbi);
        devices = new DeviceRepository(jdbi);
        live = new LiveStateStore(meters);
        stateTable = new DeviceStateTable(jdbi, clock);
        lifecycle = new DeviceLifecycle(devices, publisher, live, verified, audit, clock);
        telemetry = new TelemetryWriter(jdbi, meters);
    }

    /** Starts the HTTP API with the device and telemetry routes. */
    public DeviceTestKit withHttp() {
        http = new RouteServer(DeviceTestKit::caller,
                new DeviceRoutes(devices, scopes, areas, live, stateTable, lifecycle, audit, clock),
                new TelemetryRoutes(jdbi, new ScopedDevices(devices, scopes), clock));
        return this;
    }

    private static Optional<Caller> caller(String token) {
        String[] parts = token.split(":");
        Long area = parts.length > 1 ? Long.valueOf(parts[1]) : null;
        return Optional.of(new Caller("test-" + parts[0], Role.valueOf(parts[0].toUpperCase(Locale.ROOT)), area));
    }

    /** An area under {@code parent} (null for a root), with its materialised path. */
    public long area(Long parent, String code, String name) {
        return jdbi.withHandle(h -> {
            String parentPath = parent == null ? "/" : h.createQuery("SELECT path FROM areas WHERE id = :id")
                    .bind("id", parent).mapTo(String.class).one();
            long id = h.createUpdate("INSERT INTO areas (parent_id, code, name, kind, path, created_at)"
                            + " VALUES (:parent, :code, :name, 'commune', '/', :now)")
                    .bind("parent", parent).bind("code", code).bind("name", name)
                    .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("UPDATE areas SET path = :path WHERE id = :id")
                    .bind("path", parentPath + id + "/").bind("id", id).execute();
            return id;
        });
    }

    public long group(String name, String... deviceIds) {
        return jdbi.withHandle(h -> {
            long id = h.createUpdate("INSERT INTO speaker_groups (name, created_at) VALUES (:name, :now)")
                    .bind("name", name).bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (String device : deviceIds) {
                h.createUpdate("INSERT INTO group_members (group_id, device_id) VALUES (:g, :d)")
                        .bind("g", id).bind("d", device).execute();
            }
            return id;
        });
    }

    /** A registered device straight in the registry; returns its id. */
    public String device(String serial, Long areaId, DeviceStatus status) {
        String id = DeviceIds.next();
        devices.insert(id, serial, status, areaId, null, DeviceDetails.NONE, null, clock.instant());
        return id;
    }

    public double counter(String name, String tagKey, String tagValue) {
        var counter = meters.find(name).tag(tagKey, tagValue).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The single number a {@code SELECT COUNT(*) ...} query answers. */
    public long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    public long auditCount(String action) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = :a")
                .bind("a", action).mapTo(Long.class).one());
    }

    public Response get(String caller, String path) {
        return send(caller, "GET", path, null, null);
    }

    public Response post(String caller, String path, String jsonBody) {
        return send(caller, "POST", path, "application/json", jsonBody);
    }

    public Response patch(String caller, String path, String jsonBody) {
        return send(caller, "PATCH", path, "application/json", jsonBody);
    }

    /** {@code body} is text, bytes or null for none. */
    public Response send(String caller, String method, String path, String contentType, Object body) {
        return http.send(caller, method, path, contentType, body);
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        database.close();
    }
}
