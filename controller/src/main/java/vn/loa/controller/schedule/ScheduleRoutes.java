package vn.loa.controller.schedule;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;

/** {@code /api/schedules}: programmes on a calendar and their occurrences, and a dry run of a save ({@code /check}). */
public final class ScheduleRoutes implements Routes {
    private final ScheduleService schedules;

    public ScheduleRoutes(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/schedules", ctx -> ctx.status(201).json(schedules.create(Caller.of(ctx), request(ctx))));
        app.post("/api/schedules/check", ctx -> ctx.json(schedules.check(Caller.of(ctx),
                JsonBody.of(ctx, ScheduleRequest.CHECK_FIELDS))));
        app.get("/api/schedules", ctx -> ctx.json(schedules.list(Caller.of(ctx), QueryParams.text(ctx, "area"),
                Paging.of(ctx))));
        app.get("/api/schedules/{id}", ctx -> ctx.json(schedules.get(Caller.of(ctx), id(ctx))));
        app.put("/api/schedules/{id}", ctx -> ctx.json(schedules.update(Caller.of(ctx), id(ctx), request(ctx))));
        app.delete("/api/schedules/{id}", ctx -> {
            schedules.delete(Caller.of(ctx), id(ctx));
            ctx.status(204);
        });
        app.get("/api/schedules/{id}/occurrences", ctx -> ctx.json(schedules.occurrences(Caller.of(ctx), id(ctx),
                QueryParams.instant(ctx, "from"), QueryParams.instant(ctx, "to"))));
    }

    private static JsonBody request(Context ctx) {
        return JsonBody.of(ctx, ScheduleRequest.FIELDS);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("schedule");
        }
    }
}
