package vn.loa.controller.audit;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Set;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.Endpoint;
import vn.loa.controller.http.Routes;

/**
 * Records every API request that could change something (POST, PUT, PATCH, DELETE), whether it was done or
 * refused (401, 403, 404, 409 ...): who (or {@value #ANONYMOUS}), {@code METHOD /route/{template}} as the action,
 * the request path as the target when the route has parameters, and the status. The domain's own entries (with
 * their details) stay next to these; login and logout have only their own.
 */
public final class RequestAudit implements Routes {
    public static final String ANONYMOUS = "anonymous";
    /** Requests audited by their own entries (login, login.failed, login.locked, logout). */
    static final Set<String> OWN_ENTRIES = Set.of("POST /api/login", "POST /api/logout");

    private final AuditLog audit;

    public RequestAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void register(Javalin app) {
        // after (not afterMatched, which sees its own path): the matched endpoint's route template is still there
        app.after(this::record);
    }

    private void record(Context ctx) {
        if (!Endpoint.changes(ctx) || !ctx.path().startsWith("/api/")) {
            return;
        }
        String route = ctx.endpointHandlerPath();
        String action = Endpoint.of(ctx);
        // without a matched endpoint Javalin puts a sentence, not a route, there: nothing was there to change
        if (route == null || !route.startsWith("/") || OWN_ENTRIES.contains(action)) {
            return;
        }
        String actor = Caller.on(ctx).map(Caller::username).orElse(ANONYMOUS);
        String target = ctx.pathParamMap().isEmpty() ? null : ctx.path();
        audit.record(actor, action, target, "status " + ctx.status().getCode());
    }
}
