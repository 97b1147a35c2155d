package vn.loa.controller.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/health}: for load balancers and monitoring; 503 when the database does not answer. */
public final class HealthRoutes implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private final String version;
    private final Instant startedAt;
    private final Jdbi jdbi;
    private final Clock clock;

    public HealthRoutes(String version, Jdbi jdbi, Clock clock) {
        this.version = version;
        this.jdbi = jdbi;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/health", this::health);
    }

    private void health(Context ctx) {
        boolean databaseOk = databaseAnswers();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", databaseOk ? "ok" : "degraded");
        body.put("version", version);
        body.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
        body.put("database", databaseOk ? "ok" : "unavailable");
        ctx.status(databaseOk ? 200 : 503).json(body);
    }

    private boolean databaseAnswers() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            LOG.warn("Health check: database unavailable: {}", e.toString());
            return false;
        }
    }
}
