package vn.loa.controller.telemetry;

import static java.time.ZoneOffset.UTC;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.device.Device;
import vn.loa.controller.device.ScopedDevices;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;

/** {@code GET /api/devices/{id}/telemetry?from=&to=&resolution=raw|hourly&limit=}: a device's history, oldest first. */
public final class TelemetryRoutes implements Routes {
    public static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    /** Rows per answer: three days of raw reports every 30 s, or a year of hours. */
    public static final int MAX_ROWS = 10_000;

    private final Jdbi jdbi;
    private final ScopedDevices devices;
    private final Clock clock;

    public TelemetryRoutes(Jdbi jdbi, ScopedDevices devices, Clock clock) {
        this.jdbi = jdbi;
        this.devices = devices;
        this.clock = clock;
    }

    private enum Resolution { raw, hourly }

    @Override
    public void register(Javalin app) {
        app.get("/api/devices/{id}/telemetry", this::history);
    }

    private void history(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.VIEWER);
        Device device = devices.require(caller, ctx.pathParam("id"));
        Instant to = orElse(QueryParams.instant(ctx, "to"), clock.instant());
        Instant from = orElse(QueryParams.instant(ctx, "from"), to.minus(DEFAULT_SPAN));
        if (!from.isBefore(to)) {
            throw QueryParams.invalid("from", "must be before to");
        }
        Resolution resolution = resolution(QueryParams.text(ctx, "resolution"));
        int limit = QueryParams.integer(ctx, "limit", MAX_ROWS, 1, MAX_ROWS);
        List<Map<String, Object>> rows = resolution == Resolution.raw
                ? query("SELECT ts, volume, muted, amplifier, playing, signal_dbm, temperature_c, uptime_s"
                + " FROM telemetry_raw WHERE device_id = :id AND ts >= :from AND ts < :to ORDER BY ts",
                device.id(), from, to, limit + 1, TelemetryRoutes::raw)
                : query("SELECT hour_start, samples, volume_avg, signal_avg, signal_min, signal_max, temperature_avg,"
                + " temperature_max, playing_samples FROM telemetry_hourly WHERE device_id = :id AND hour_start >= :from"
                + " AND hour_start < :to ORDER BY hour_start", device.id(), from, to, limit + 1, TelemetryRoutes::hourly);
        boolean truncated = rows.size() > limit;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceId", device.id());
        body.put("resolution", resolution.name());
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("items", truncated ? rows.subList(0, limit) : rows);
        body.put("truncated", truncated);
        ctx.json(body);
    }

    private interface Row {
        Map<String, Object> map(ResultSet rs) throws SQLException;
    }

    private List<Map<String, Object>> query(String sql, String deviceId, Instant from, Instant to, int maxRows,
                                            Row row) {
        return jdbi.withHandle(h -> h.createQuery(sql)
                .bind("id", deviceId).bind("from", OffsetDateTime.ofInstant(from, UTC))
                .bind("to", OffsetDateTime.ofInstant(to, UTC))
                .setMaxRows(maxRows)
                .map((rs, ctx) -> row.map(rs)).list());
    }

    /** One point of either resolution: hourly points carry averages under the raw names, plus extremes. */
    private static Map<String, Object> raw(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", rs.getObject("ts", OffsetDateTime.class).toInstant().toString());
        m.put("volume", rs.getObject("volume", Integer.class));
        m.put("muted", rs.getObject("muted", Boolean.class));
        m.put("amplifier", rs.getObject("amplifier", Boolean.class));
        m.put("playing", rs.getObject("playing", Boolean.class));
        m.put("signalDbm", rs.getObject("signal_dbm", Integer.class));
        m.put("temperatureC", rs.getObject("temperature_c", Double.class));
        m.put("uptimeSeconds", rs.getObject("uptime_s", Long.class));
        return m;
    }

    private static Map<String, Object> hourly(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", rs.getObject("hour_start", OffsetDateTime.class).toInstant().toString());
        m.put("samples", rs.getInt("samples"));
        m.put("volume", rs.getObject("volume_avg", Double.class));
        m.put("signalDbm", rs.getObject("signal_avg", Double.class));
        m.put("signalMin", rs.getObject("signal_min", Integer.class));
        m.put("signalMax", rs.getObject("signal_max", Integer.class));
        m.put("temperatureC", rs.getObject("temperature_avg", Double.class));
        m.put("temperatureMax", rs.getObject("temperature_max", Double.class));
        m.put("playingSamples", rs.getInt("playing_samples"));
        return m;
    }

    private static Resolution resolution(String text) {
        if (text == null) {
            return Resolution.raw;
        }
        try {
            return Resolution.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw QueryParams.invalid("resolution", "must be raw or hourly");
        }
    }

    private static Instant orElse(Instant value, Instant fallback) {
        return value != null ? value : fallback;
    }
}
