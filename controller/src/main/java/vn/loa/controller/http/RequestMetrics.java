package vn.loa.controller.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request as {@code loa.http.requests}, tagged by method, route template (not the raw path, so
 * ids do not multiply the series) and status.
 */
final class RequestMetrics {
    static final String METER = "loa.http.requests";
    /** The route tag of requests that matched no endpoint. */
    static final String UNMATCHED = "unmatched";
    private static final String START_ATTRIBUTE = "loa.request.start";

    private RequestMetrics() {
    }

    static void register(Javalin app, MeterRegistry registry) {
        app.before(ctx -> ctx.attribute(START_ATTRIBUTE, System.nanoTime()));
        app.after(ctx -> record(ctx, registry));
    }

    private static void record(Context ctx, MeterRegistry registry) {
        Long start = ctx.attribute(START_ATTRIBUTE);
        if (start == null) {
            return;
        }
        // without a matched endpoint Javalin puts a sentence here, not a path
        String route = ctx.endpointHandlerPath();
        Timer.builder(METER)
                .tag("method", ctx.method().name())
                .tag("route", route != null && route.startsWith("/") ? route : UNMATCHED)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
