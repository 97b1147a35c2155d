package vn.loa.controller.alarm;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.Routes;

/**
 * {@code GET /api/alarms}: the alarms raised now, newest first. An alarm about a device is shown to the users whose
 * area holds the device; every other alarm (about a broadcast or a relay) to every user.
 */
public final class AlarmRoutes implements Routes {
    private final AlarmBoard alarms;
    private final AreaScopes scopes;

    public AlarmRoutes(AlarmBoard alarms, AreaScopes scopes) {
        this.alarms = alarms;
        this.scopes = scopes;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/alarms", this::list);
    }

    private void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.VIEWER);
        Paging page = Paging.of(ctx);
        List<Alarm> visible = alarms.visibleTo(scopes.scopePrefix(caller).orElse(null));
        List<Alarm> items = visible.stream().skip(page.offset()).limit(page.limit()).toList();
        ctx.json(new ListPage<>(items, visible.size()));
    }
}
