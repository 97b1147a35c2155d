package vn.loa.controller.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Optional;

/**
 * The console's session cookie: the session token where page scripts cannot read it (HttpOnly), never sent by
 * another site's pages (SameSite=Strict), and only over TLS when the console was reached over TLS (Secure). It lives as long as the longest session.
 */
public final class SessionCookie {
    public static final String NAME = "loa_session";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private SessionCookie() {
    }

    /** Sets the cookie to {@code token} for {@code lifetime} (the longest the session can live). */
    public static void set(Context ctx, String token, Duration lifetime) {
        ctx.cookie(cookie(ctx, token, (int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds())));
    }

    /** Tells the browser to forget the cookie. */
    public static void clear(Context ctx) {
        ctx.cookie(cookie(ctx, "", 0));
    }

    /** The token in the request's cookie, if any. */
    public static Optional<String> read(Context ctx) {
        return Optional.ofNullable(ctx.cookie(NAME)).filter(token -> !token.isBlank());
    }

    private static Cookie cookie(Context ctx, String value, int maxAgeSeconds) {
        return new Cookie(NAME, value, "/", maxAgeSeconds, overTls(ctx), 0, true, null, null, SameSite.STRICT);
    }

    /**
     * Whether the browser reached the console over TLS: directly, or through a reverse proxy that ends TLS and says
     * so in {@value #FORWARDED_PROTO}. Believing a client that claims it only makes the cookie stricter.
     */
    private static boolean overTls(Context ctx) {
        return ctx.req().isSecure() || "https".equalsIgnoreCase(ctx.header(FORWARDED_PROTO));
    }
}
