package vn.loa.controller.report;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.CsvResponse;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;

/**
 * The reports, for any signed-in user over their own area subtree (or the {@code area} they name inside it), as
 * JSON or as CSV ({@code Accept: text/csv} or {@code ?format=csv}):
 * <ul>
 *   <li>{@code GET /api/reports/uptime}: per active device, its online share of the period and its disconnects;
 *   JSON is paged, CSV holds every device;</li>
 *   <li>{@code GET /api/reports/airtime}: per commune and day, broadcasts, seconds on air, speakers reached and
 *   silent.</li>
 * </ul>
 * Both cover the last {@link #DEFAULT_PERIOD} unless {@code from} / {@code to} say otherwise.
 */
public final class ReportRoutes implements Routes {
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    /** Longest period of the uptime report. */
    public static final Duration MAX_UPTIME_PERIOD = Duration.ofDays(366);
    static final List<String> UPTIME_COLUMNS = List.of("deviceId", "serial", "name", "areaId", "area", "onlineShare",
            "disconnects", "lastSeen");
    static final List<String> AIRTIME_COLUMNS = List.of("areaId", "area", "kind", "day", "broadcasts",
            "secondsOnAir", "speakersReached", "speakersSilent");

    private final UptimeReport uptime;
    private final AirtimeReport airtime;
    private final AreaScopes scopes;
    private final ZoneId zone;
    private final Clock clock;

    public ReportRoutes(UptimeReport uptime, AirtimeReport airtime, AreaScopes scopes, ZoneId zone, Clock clock) {
        this.uptime = uptime;
        this.airtime = airtime;
        this.scopes = scopes;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/reports/uptime", this::uptime);
        app.get("/api/reports/airtime", this::airtime);
    }

    private void uptime(Context ctx) {
        String root = subtree(ctx);
        Instant now = clock.instant();
        Period period = Period.of(ctx, zone, now, DEFAULT_PERIOD, MAX_UPTIME_PERIOD);
        if (!period.from().isBefore(now)) {
            throw QueryParams.invalid("from", "must be in the past");
        }
        Instant end = period.to().isBefore(now) ? period.to() : now;
        if (CsvResponse.wanted(ctx)) {
            CsvResponse.send(ctx, fileName("uptime", period), UPTIME_COLUMNS, csv -> uptime.forEach(root, period, end,
                    r -> csv.row(r.id(), r.serial(), r.name(), r.areaId(), r.areaName(), r.onlineShare(),
                            r.disconnects(), r.lastSeen())));
            return;
        }
        Paging page = Paging.of(ctx);
        ListPage<UptimeRow> rows = uptime.page(root, period, end, page.limit(), page.offset());
        ctx.json(new ReportPage<>(period.from(), period.to(), zone.getId(), rows.items(), rows.total()));
    }

    private void airtime(Context ctx) {
        String root = subtree(ctx);
        Period period = Period.of(ctx, zone, clock.instant(), DEFAULT_PERIOD, AirtimeReport.MAX_PERIOD);
        List<AirtimeRow> rows = airtime.rows(root, period);
        if (CsvResponse.wanted(ctx)) {
            CsvResponse.send(ctx, fileName("airtime", period), AIRTIME_COLUMNS, csv -> rows.forEach(r -> csv.row(
                    r.areaId(), r.areaName(), r.areaKind(), r.day(), r.broadcasts(), r.secondsOnAir(),
                    r.speakersReached(), r.speakersSilent())));
            return;
        }
        ctx.json(new ReportPage<>(period.from(), period.to(), zone.getId(), rows, rows.size()));
    }

    /** The path prefix of the subtree reported on: the area asked for, else the caller's scope ("" for all). */
    private String subtree(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.VIEWER);
        Long area = QueryParams.id(ctx, "area");
        if (area == null) {
            return scopes.scopePrefix(caller).orElse("");
        }
        scopes.requireCovers(caller, area, "area " + area);
        return scopes.pathOf(area).orElseThrow(() -> ApiException.notFound("area " + area));
    }

    private String fileName(String report, Period period) {
        return report + "-" + LocalDate.ofInstant(period.from(), zone) + "-"
                + LocalDate.ofInstant(period.to().minusNanos(1), zone) + ".csv";
    }
}
