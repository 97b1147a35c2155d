package vn.loa.controller.device;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;
import vn.loa.protocol.Ids;
import vn.loa.protocol.message.CommandType;

/** The device registry's endpoints: list, read, register, edit, import, and the approver's decisions. */
public final class DeviceRoutes implements Routes {
    private static final Set<String> CREATE_FIELDS =
            Set.of("serial", "areaId", "areaCode", "name", "model", "latitude", "longitude", "imei", "iccid");
    private static final Set<String> PATCH_FIELDS =
            Set.of("name", "areaId", "latitude", "longitude", "model", "imei", "iccid");
    private static final int REASON_MAX = 500;

    private final DeviceRepository devices;
    private final ScopedDevices scoped;
    private final AreaScopes scopes;
    private final AreaDirectory areas;
    private final LiveStateStore live;
    private final DeviceStateTable storedState;
    private final DeviceLifecycle lifecycle;
    private final DeviceCsvImport csvImport;
    private final AuditLog audit;
    private final Clock clock;

    public DeviceRoutes(DeviceRepository devices, AreaScopes scopes, AreaDirectory areas, LiveStateStore live,
                        DeviceStateTable storedState, DeviceLifecycle lifecycle, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.scoped = new ScopedDevices(devices, scopes);
        this.scopes = scopes;
        this.areas = areas;
        this.live = live;
        this.storedState = storedState;
        this.lifecycle = lifecycle;
        this.csvImport = new DeviceCsvImport(devices, areas, scopes, audit, clock);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/devices", this::list);
        app.post("/api/devices", this::create);
        app.post("/api/devices/import", this::importCsv);
        app.get("/api/devices/{id}", this::get);
        app.patch("/api/devices/{id}", this::patch);
        app.post("/api/devices/{id}/approve", this::approve);
        app.post("/api/devices/{id}/reject", this::reject);
        app.post("/api/devices/{id}/revoke", this::revoke);
        app.post("/api/devices/{id}/credentials/rotate", this::rotate);
        app.post("/api/devices/{id}/reprovision", this::reprovision);
    }

    private void list(Context ctx) {
        Caller caller = reader(ctx);
        Long area = QueryParams.id(ctx, "area");
        String areaPrefix = null;
        if (area != null) {
            scopes.requireCovers(caller, area, "area " + area);
            areaPrefix = scopes.pathOf(area).orElseThrow(() -> ApiException.notFound("area " + area));
        }
        String statusText = QueryParams.text(ctx, "status");
        DeviceStatus status = statusText == null ? null : DeviceStatus.parse(statusText).orElseThrow(
                () -> QueryParams.invalid("status", "must be one of registered, pending, active, rejected, revoked"));
        Paging page = Paging.of(ctx);
        DeviceQuery query = new DeviceQuery(scopes.scopePrefix(caller).orElse(null), areaPrefix, status,
                QueryParams.id(ctx, "group"), QueryParams.bool(ctx, "online"), QueryParams.text(ctx, "q"),
                page.limit(), page.offset());
        ListPage<Device> result = devices.list(query);
        ctx.json(new ListPage<>(result.items().stream()
                .map(d -> DeviceViews.summary(d, live.snapshot(d.id()))).toList(), result.total()));
    }

    private void get(Context ctx) {
        Device device = scoped.require(reader(ctx), ctx.pathParam("id"));
        Optional<LiveState.Snapshot> state = live.snapshot(device.id());
        ctx.json(DeviceViews.detail(device, state, state.isPresent() ? Optional.empty() : storedState.find(device.id()),
                devices.groupsOf(device.id())));
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.OPERATOR);
        JsonBody body = JsonBody.of(ctx, CREATE_FIELDS);
        String serial = body.text("serial", 64);
        if (serial == null || !Ids.isSerial(serial)) {
            throw ApiException.badRequest("invalid field",
                    "serial is required: 1 to 64 letters, digits, '.', '-' or '_'");
        }
        long area = areaOf(body, caller);
        DeviceDetails details = DeviceRules.details(body);
        if (devices.findBySerial(serial).isPresent()) {
            throw ApiException.conflict("serial already registered", serial);
        }
        String id = DeviceIds.next();
        devices.insert(id, serial, DeviceStatus.registered, area, null, details, null, clock.instant());
        audit.record(caller.username(), "device.create", "device:" + id, "serial " + serial + ", area " + area);
        ctx.status(201).json(DeviceViews.summary(devices.find(id).orElseThrow(), Optional.empty()));
    }

    private void patch(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.OPERATOR);
        Device device = scoped.require(caller, ctx.pathParam("id"));
        JsonBody body = JsonBody.of(ctx, PATCH_FIELDS);
        Long area = body.id("areaId");
        if (body.has("areaId") && area == null) {
            throw ApiException.badRequest("invalid field", "areaId cannot be cleared");
        }
        if (area != null) {
            scopes.requireCovers(caller, area, "area " + area);
        }
        DeviceDetails details = DeviceRules.patched(body, device.details());
        devices.update(device.id(), area, details, clock.instant());
        audit.record(caller.username(), "device.update", "device:" + device.id(), ctx.body());
        ctx.json(DeviceViews.summary(devices.find(device.id()).orElseThrow(), live.snapshot(device.id())));
    }

    private void importCsv(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.APPROVER);
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            throw new ApiException(415, "the import takes Content-Type text/csv",
                    Map.of("columns", DeviceCsvImport.COLUMNS));
        }
        if (ctx.contentLength() > DeviceCsvImport.MAX_BYTES) {
            throw new ApiException(413, "the file is over " + DeviceCsvImport.MAX_BYTES + " bytes",
                    Map.of("maxBytes", DeviceCsvImport.MAX_BYTES));
        }
        ctx.json(csvImport.run(ctx.bodyAsBytes(), caller));
    }

    private void approve(Context ctx) {
        Caller caller = approver(ctx);
        Device device = scoped.require(caller, ctx.pathParam("id"));
        Long area = JsonBody.of(ctx, Set.of("areaId")).id("areaId");
        if (area != null) {
            scopes.requireCovers(caller, area, "area " + area);
        }
        lifecycle.approve(device, area, caller);
        respond(ctx, device.id());
    }

    private void reject(Context ctx) {
        Caller caller = approver(ctx);
        Device device = scoped.require(caller, ctx.pathParam("id"));
        lifecycle.reject(device, JsonBody.of(ctx, Set.of("reason")).text("reason", REASON_MAX), caller);
        respond(ctx, device.id());
    }

    private void revoke(Context ctx) {
        Caller caller = approver(ctx);
        lifecycle.revoke(scoped.require(caller, ctx.pathParam("id")), caller);
        respond(ctx, ctx.pathParam("id"));
    }

    private void rotate(Context ctx) {
        Caller caller = approver(ctx);
        DeviceLifecycle.Rotation rotation = lifecycle.rotate(scoped.require(caller, ctx.pathParam("id")), caller);
        ctx.status(202).json(Map.of("id", rotation.commandId(), "type", CommandType.credentials.name(),
                "target", Map.of("kind", "device", "id", rotation.deviceId()), "devices", 1,
                "expiresAt", rotation.expiresAt().toString()));
    }

    private void reprovision(Context ctx) {
        Caller caller = approver(ctx);
        lifecycle.reprovision(scoped.require(caller, ctx.pathParam("id")), caller);
        respond(ctx, ctx.pathParam("id"));
    }

    /** The area of a new device, by id or by code: exactly one of them, in the caller's scope. */
    private long areaOf(JsonBody body, Caller caller) {
        Long id = body.id("areaId");
        String code = body.text("areaCode", 32);
        if ((id == null) == (code == null)) {
            throw ApiException.badRequest("invalid field", "give exactly one of areaId and areaCode");
        }
        long area = id != null ? id : areas.idOfCode(code).orElseThrow(() -> ApiException.notFound("area " + code));
        scopes.requireCovers(caller, area, "area " + (id != null ? id : code));
        return area;
    }

    private void respond(Context ctx, String deviceId) {
        Device device = devices.find(deviceId).orElseThrow(() -> ApiException.notFound("device " + deviceId));
        ctx.json(DeviceViews.summary(device, live.snapshot(deviceId)));
    }

    private static Caller reader(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.VIEWER);
        return caller;
    }

    private static Caller approver(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.APPROVER);
        return caller;
    }
}
