package vn.loa.controller.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.util.Set;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;

/**
 * Puts the {@link Caller} on every matched /api request (and /metrics when it is not public), or refuses it with
 * 401. The session token comes as a bearer token or in the console's cookie (see {@link ApiCredentials}); a
 * cookie-authenticated request that changes something must also carry the session's CSRF token in
 * {@value #CSRF_HEADER}, or is refused with 403; so is any change by a viewer (see {@link #VIEWER_CHANGES}). Runs only for routes that exist, so an unknown path is a 404 for
 * everyone.
 */
final class BearerAuthentication implements Handler {
    static final Set<String> PUBLIC_API_PATHS = Set.of("/api/health", "/api/login", "/api/openapi.json");
    static final String METRICS_PATH = "/metrics";
    /** Paths a browser opens without a way to set headers (EventSource): the token may come as ?token= instead. */
    static final Set<String> QUERY_TOKEN_PATHS = Set.of("/api/events");
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_REFUSAL = "CSRF token missing or invalid";
    /**
     * The only changes a viewer may make: to its own session and password. Every other change needs an operator or
     * higher, whatever the endpoint checks itself, so an endpoint added later cannot forget it.
     */
    static final Set<String> VIEWER_CHANGES = Set.of("POST /api/logout", "PUT /api/me/password");

    private final TokenAuthenticator authenticator;
    private final boolean metricsPublic;

    BearerAuthentication(TokenAuthenticator authenticator, boolean metricsPublic) {
        this.authenticator = authenticator;
        this.metricsPublic = metricsPublic;
    }

    @Override
    public void handle(Context ctx) {
        if (!needsToken(ctx.path())) {
            return;
        }
        ApiCredentials credentials = ApiCredentials.of(ctx, QUERY_TOKEN_PATHS.contains(ctx.path()))
                .orElseThrow(() -> unauthorized(ctx, "missing bearer token or session cookie"));
        Caller caller = authenticator.authenticate(credentials.token())
                .orElseThrow(() -> unauthorized(ctx, "invalid or expired token"));
        caller.attachTo(ctx);
        credentials.attachTo(ctx);
        if (!Endpoint.changes(ctx)) {
            return;
        }
        if (credentials.fromCookie() && !authenticator.csrfMatches(credentials.token(), ctx.header(CSRF_HEADER))) {
            throw new ApiException(403, CSRF_REFUSAL);
        }
        if (!VIEWER_CHANGES.contains(Endpoint.of(ctx))) {
            caller.require(Role.OPERATOR);
        }
    }

    private boolean needsToken(String path) {
        if (path.startsWith("/api/")) {
            return !PUBLIC_API_PATHS.contains(path);
        }
        return path.equals(METRICS_PATH) && !metricsPublic;
    }

    private static ApiException unauthorized(Context ctx, String detail) {
        ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
        return new ApiException(401, "authentication required", detail);
    }
}
