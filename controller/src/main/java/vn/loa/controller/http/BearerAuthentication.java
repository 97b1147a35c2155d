package vn.loa.controller.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HandlerType;
import java.util.Set;
import vn.loa.controller.auth.Caller;

/**
 * Puts the {@link Caller} on every matched /api request (and /metrics when it is not public), or refuses it with
 * 401. The session token comes as a bearer token or in the console's cookie (see {@link ApiCredentials}); a
 * cookie-authenticated request that changes something must also carry the session's CSRF token in
 * {@value #CSRF_HEADER}, or is refused with 403. Runs only for routes that exist, so an unknown path is a 404 for
 * everyone.
 */
final class BearerAuthentication implements Handler {
    static final Set<String> PUBLIC_API_PATHS = Set.of("/api/health", "/api/login", "/api/openapi.json");
    static final String METRICS_PATH = "/metrics";
    /** Paths a browser opens without a way to set headers (EventSource): the token may come as ?token= instead. */
    static final Set<String> QUERY_TOKEN_PATHS = Set.of("/api/events");
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_REFUSAL = "CSRF token missing or invalid";
    /** Methods that change nothing, so a forged cross-site request gains nothing by them. */
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

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
        if (credentials.fromCookie() && !SAFE_METHODS.contains(ctx.method())
                && !authenticator.csrfMatches(credentials.token(), ctx.header(CSRF_HEADER))) {
            throw new ApiException(403, CSRF_REFUSAL);
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
