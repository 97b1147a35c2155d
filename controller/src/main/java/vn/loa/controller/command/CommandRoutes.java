package vn.loa.controller.command;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;

/**
 * {@code POST /api/{devices|groups|areas}/{id}/commands}, {@code GET /api/commands/{id}[?wait=ms]} (long-polls
 * without holding a thread until no result is pending) and {@code GET /api/commands}.
 */
public final class CommandRoutes implements Routes {
    /** Longest a reader may wait for the last result. */
    public static final int MAX_WAIT_MS = 30_000;

    private final CommandService commands;

    public CommandRoutes(CommandService commands) {
        this.commands = commands;
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/devices/{id}/commands", ctx -> send(ctx, CommandTarget::device));
        app.post("/api/groups/{id}/commands", ctx -> send(ctx, CommandTarget::group));
        app.post("/api/areas/{id}/commands", ctx -> send(ctx, CommandTarget::area));
        app.get("/api/commands/{id}", this::show);
        app.get("/api/commands", ctx -> ctx.json(commands.list(Caller.of(ctx), Paging.of(ctx))));
    }

    private void send(Context ctx, Function<String, CommandTarget> target) {
        Caller caller = Caller.of(ctx);
        CommandRequest request = CommandRequest.fromJson(JsonBody.of(ctx));
        ctx.status(202).json(commands.send(caller, target.apply(ctx.pathParam("id")), request));
    }

    private void show(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        int waitMs = QueryParams.integer(ctx, "wait", 0, 0, MAX_WAIT_MS);
        CommandDetails now = commands.find(caller, id);
        if (now.done() || waitMs == 0) {
            ctx.json(now);
            return;
        }
        ctx.future(() -> commands.settled(id).copy()
                .completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS)
                .thenApplyAsync(settled -> commands.find(caller, id))
                .thenAccept(ctx::json));
    }
}
