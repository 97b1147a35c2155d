package vn.loa.controller.area;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;

/** {@code /api/areas}: the area tree. */
public final class AreaRoutes implements Routes {
    private final AreaService areas;

    public AreaRoutes(AreaService areas) {
        this.areas = areas;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/areas", this::list);
        app.post("/api/areas", this::create);
        app.post("/api/areas/import", this::importTree);
        app.get("/api/areas/{id}", ctx -> ctx.json(areas.get(Caller.of(ctx), ctx.pathParamAsClass("id", Long.class).get())));
    }

    private void list(Context ctx) {
        Long root = QueryParams.id(ctx, "root");
        ctx.json(areas.list(Caller.of(ctx), root, Paging.of(ctx)));
    }

    private void create(Context ctx) {
        ctx.status(201).json(areas.create(Caller.of(ctx), ctx.bodyAsClass(AreaRequests.Create.class)));
    }

    private void importTree(Context ctx) {
        ctx.json(areas.importTree(Caller.of(ctx), ctx.bodyAsClass(AreaRequests.ImportNode.class)));
    }
}
