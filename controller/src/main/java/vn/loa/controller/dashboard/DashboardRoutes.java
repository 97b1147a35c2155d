package vn.loa.controller.dashboard;

import io.javalin.Javalin;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;

/** {@code GET /api/dashboard[?area=id]} (viewer or higher): an area's speakers, broadcasts on air and alarms. */
public final class DashboardRoutes implements Routes {
    private final DashboardService dashboard;

    public DashboardRoutes(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/dashboard", ctx -> ctx.json(dashboard.of(Caller.of(ctx), QueryParams.id(ctx, "area"))));
    }
}
