package vn.loa.controller.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.util.Optional;
import java.util.Set;
import vn.loa.controller.auth.Caller;

/**
 * Puts the {@link Caller} on every matched /api request (and /metrics when it is not public), or refuses it with
 * 401. Runs only for routes that exist, so an unknown path is a 404 for everyone.
 */
final class BearerAuthentication implements Handler {
    static final Set<String> PUBLIC_API_PATHS = Set.of("/api/health", "/api/login", "/api/openapi.json");
    static final String METRICS_PATH = "/metrics";
    /** Paths a browser opens without a way to set headers (EventSource): the token may come as ?token= instead. */
    static final Set<String> QUERY_TOKEN_PATHS = Set.of("/api/events");

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
        String token = BearerTokens.fromHeader(ctx.header(Header.AUTHORIZATION))
                .or(() -> QUERY_TOKEN_PATHS.contains(ctx.path()) ? Optional.ofNullable(QueryParams.text(ctx, "token"))
                        : Optional.empty())
                .orElseThrow(() -> unauthorized(ctx, "missing bearer token"));
        Caller caller = authenticator.authenticate(token).orElseThrow(() -> unauthorized(ctx, "invalid or expired token"));
        caller.attachTo(ctx);
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
