package vn.loa.controller.http;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: every meter of the process in the Prometheus text format. */
public final class MetricsRoutes implements Routes {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(Javalin app) {
        app.get(BearerAuthentication.METRICS_PATH, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
    }
}
