package vn.loa.controller.group;

import io.javalin.Javalin;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.Routes;

/** {@code /api/groups}: list, read and create groups (membership has its own routes). */
public final class GroupRoutes implements Routes {
    private final GroupService groups;

    public GroupRoutes(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/groups", ctx -> ctx.json(groups.list(Caller.of(ctx), Paging.of(ctx))));
        app.post("/api/groups", ctx -> ctx.status(201)
                .json(groups.create(Caller.of(ctx), ctx.bodyAsClass(GroupService.CreateGroup.class))));
        app.get("/api/groups/{id}", ctx -> ctx.json(groups.get(Caller.of(ctx), ctx.pathParamAsClass("id", Long.class).get())));
    }
}
