package vn.loa.controller.membership;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.Routes;

/**
 * {@code GET /api/groups/{id}/members}, {@code POST /api/groups/{id}/members {deviceIds: [...]}} and
 * {@code DELETE /api/groups/{id}/members/{deviceId}}.
 */
public final class MembershipRoutes implements Routes {
    private final MembershipService memberships;

    public MembershipRoutes(MembershipService memberships) {
        this.memberships = memberships;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/groups/{id}/members",
                ctx -> ctx.json(memberships.members(Caller.of(ctx), ctx.pathParam("id"), Paging.of(ctx))));
        app.post("/api/groups/{id}/members", this::add);
        app.delete("/api/groups/{id}/members/{deviceId}", ctx -> {
            memberships.remove(Caller.of(ctx), ctx.pathParam("id"), ctx.pathParam("deviceId"));
            ctx.status(204);
        });
    }

    private void add(Context ctx) {
        Caller caller = Caller.of(ctx);
        JsonNode ids = JsonBody.of(ctx).node("deviceIds");
        if (ids == null || !ids.isArray()) {
            throw ApiException.badRequest("deviceIds must be an array of device ids", null);
        }
        List<String> deviceIds = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw ApiException.badRequest("deviceIds must be an array of device ids", null);
            }
            deviceIds.add(id.textValue());
        }
        ctx.json(memberships.add(caller, ctx.pathParam("id"), deviceIds));
    }
}
