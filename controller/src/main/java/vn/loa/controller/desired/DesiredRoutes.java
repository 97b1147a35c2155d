package vn.loa.controller.desired;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.command.ResolvedTarget;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Routes;

/** {@code PUT /api/{devices|groups|areas}/{id}/desired {volume?, muted?}} → {@code {devices: n}}. */
public final class DesiredRoutes implements Routes {
    private final DesiredPublisher desired;
    private final DeviceTargets targets;
    private final AuditLog audit;

    public DesiredRoutes(DesiredPublisher desired, Jdbi jdbi, AreaScopes scopes, AuditLog audit) {
        this.desired = desired;
        this.targets = new DeviceTargets(jdbi, scopes);
        this.audit = audit;
    }

    @Override
    public void register(Javalin app) {
        app.put("/api/devices/{id}/desired", ctx -> put(ctx, CommandTarget::device));
        app.put("/api/groups/{id}/desired", ctx -> put(ctx, CommandTarget::group));
        app.put("/api/areas/{id}/desired", ctx -> put(ctx, CommandTarget::area));
    }

    private void put(Context ctx, Function<String, CommandTarget> target) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.OPERATOR);
        DesiredChange change = DesiredChange.fromJson(JsonBody.of(ctx));
        ResolvedTarget resolved = targets.resolve(caller, target.apply(ctx.pathParam("id")), DeviceTargets.CONFIGURABLE);
        int devices = desired.apply(resolved.deviceIds(), change);
        audit.record(caller.username(), "desired", resolved.target().label(),
                "volume=" + change.volume() + " muted=" + change.muted() + " devices=" + devices);
        ctx.json(Map.of("devices", devices));
    }
}
