package vn.loa.controller.http;

import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.Optional;

/**
 * The session token a request presents, and how: an {@code Authorization: Bearer} header (API clients), the
 * {@code ?token=} query parameter (API clients on paths a browser opens without headers) or the console's
 * {@link SessionCookie}. Only the cookie is sent by the browser on its own, so only it needs CSRF and Origin checks.
 */
public record ApiCredentials(String token, boolean fromCookie) {
    private static final String ATTRIBUTE = "loa.credentials";

    /**
     * The credentials of the request, in that order of preference.
     *
     * @param queryTokenAllowed whether {@code ?token=} is read on this path
     */
    public static Optional<ApiCredentials> of(Context ctx, boolean queryTokenAllowed) {
        return BearerTokens.fromHeader(ctx.header(Header.AUTHORIZATION))
                .or(() -> queryTokenAllowed ? Optional.ofNullable(QueryParams.text(ctx, "token")) : Optional.empty())
                .map(token -> new ApiCredentials(token, false))
                .or(() -> SessionCookie.read(ctx).map(token -> new ApiCredentials(token, true)));
    }

    /** The credentials that authenticated the request (put there by the server's authentication filter). */
    public static ApiCredentials on(Context ctx) {
        ApiCredentials credentials = ctx.attribute(ATTRIBUTE);
        if (credentials == null) {
            throw new ApiException(401, "authentication required");
        }
        return credentials;
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }
}
