package vn.loa.controller.broadcast;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.CsvResponse;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;
import vn.loa.controller.stream.PlayTargets;
import vn.loa.controller.stream.SourceSpec;

/**
 * {@code /api/broadcasts}: start one (source, targets, priority, optional volume and end), list them, read one with
 * its outcome counts, stop one, and read its proof of play per speaker.
 */
public final class BroadcastRoutes implements Routes {
    /** Longest window a broadcast may be given by duration: a day. */
    static final long MAX_DURATION_SECONDS = Duration.ofDays(1).toSeconds();
    private static final Set<String> CREATE_FIELDS = Set.of("name", "source", "targets", "priority", "volume",
            "endsAt", "durationSeconds");

    private static final List<String> DELIVERY_COLUMNS = List.of("device", "area", "outcome", "reason",
            "first_started_at", "last_ended_at", "seconds_played", "preemptions", "loss_fraction", "jitter_ms");

    private final BroadcastService broadcasts;
    private final Clock clock;

    public BroadcastRoutes(BroadcastService broadcasts, Clock clock) {
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/broadcasts", this::create);
        app.get("/api/broadcasts", ctx -> ctx.json(broadcasts.list(Caller.of(ctx),
                Boolean.TRUE.equals(QueryParams.bool(ctx, "active")), Paging.of(ctx))));
        app.get("/api/broadcasts/{id}", ctx -> ctx.json(broadcasts.get(Caller.of(ctx), ctx.pathParam("id"))));
        app.delete("/api/broadcasts/{id}", ctx -> ctx.json(broadcasts.stop(Caller.of(ctx), ctx.pathParam("id"))));
        app.get("/api/broadcasts/{id}/deliveries", this::deliveries);
    }

    /** One page as JSON, or every row as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    private void deliveries(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        if (!CsvResponse.wanted(ctx)) {
            ctx.json(broadcasts.deliveries(caller, id, Paging.of(ctx)));
            return;
        }
        List<DeliveryRow> rows = broadcasts.allDeliveries(caller, id);
        CsvResponse.send(ctx, "deliveries-" + id + ".csv", DELIVERY_COLUMNS, csv -> rows.forEach(r -> csv.row(
                r.deviceId(), r.areaId(), r.outcome(), r.reason(), r.firstStartedAt(), r.lastEndedAt(),
                String.format(Locale.ROOT, "%.1f", r.secondsPlayed()), r.preemptions(), r.lossFraction(),
                r.jitterMillis())));
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        JsonBody body = JsonBody.of(ctx, CREATE_FIELDS);
        String name = body.text("name", BroadcastService.MAX_NAME_LENGTH);
        if (name == null) {
            throw ApiException.badRequest("name is required", null);
        }
        Integer volume = body.integer("volume");
        BroadcastRequest request = BroadcastRequest.now(name, SourceSpec.fromJson(body.node("source")),
                PlayTargets.from(body.node("targets")), priority(body), volume, endsAt(body));
        ctx.status(201).json(broadcasts.launch(caller, request));
    }

    private static Priority priority(JsonBody body) {
        String text = body.text("priority", 16);
        if (text == null) {
            return Priority.NORMAL;
        }
        try {
            return Priority.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid field", "priority must be NORMAL, PRIORITY or EMERGENCY");
        }
    }

    private Instant endsAt(JsonBody body) {
        String at = body.text("endsAt", 64);
        Integer seconds = body.integer("durationSeconds");
        if (at != null && seconds != null) {
            throw ApiException.badRequest("give endsAt or durationSeconds, not both", null);
        }
        if (seconds != null) {
            if (seconds < 1 || seconds > MAX_DURATION_SECONDS) {
                throw ApiException.badRequest("invalid field", "durationSeconds must be within 1.." + MAX_DURATION_SECONDS);
            }
            return clock.instant().plusSeconds(seconds);
        }
        if (at == null) {
            return null;
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid field", Map.of("endsAt", "an ISO-8601 instant such as 2026-11-22T06:30:00Z"));
        }
    }
}
