package vn.loa.controller.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;

/** A request as the server's rules see it: the endpoint it matched, and whether it may change something. */
public final class Endpoint {
    /** Methods that may change something: the CSRF check, the viewer rule and the request audit apply to them. */
    private static final Set<HandlerType> CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private Endpoint() {
    }

    /** {@code "METHOD /route/{template}"} of the matched endpoint, as {@link HttpServer#endpoints()} names it. */
    public static String of(Context ctx) {
        return ctx.method().name() + " " + ctx.endpointHandlerPath();
    }

    public static boolean changes(Context ctx) {
        return CHANGING.contains(ctx.method());
    }
}
