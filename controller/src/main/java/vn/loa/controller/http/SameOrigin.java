package vn.loa.controller.http;

import io.javalin.http.Context;
import io.javalin.http.Header;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Whether a browser request comes from a page of this server: its {@code Origin} names the same host and port as
 * its {@code Host}. A WebSocket is not covered by the browser's same-origin rules and the session cookie rides
 * along, so a cookie-authenticated upgrade is accepted only from the console's own pages (no cross-site WebSocket
 * hijacking).
 */
public final class SameOrigin {
    private SameOrigin() {
    }

    /** True when the request has an Origin whose host and port are those of its Host header. */
    public static boolean matches(Context ctx) {
        String origin = ctx.header(Header.ORIGIN);
        String host = ctx.header(Header.HOST);
        if (origin == null || host == null) {
            return false;
        }
        try {
            String authority = new URI(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
