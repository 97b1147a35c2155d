package vn.loa.controller.audit;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.CsvResponse;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;
import vn.loa.controller.report.Period;

/**
 * {@code GET /api/audit}: the audit log, newest first, as JSON pages or a CSV export of every match. Approvers and
 * administrators of the whole installation read it; a user scoped to an area gets 403, because entries name
 * targets all over the province and are not tied to one area.
 */
public final class AuditRoutes implements Routes {
    /** Most entries one CSV export holds; a larger export is refused until the filters narrow it. */
    public static final int MAX_EXPORT_ROWS = 100_000;
    static final List<String> COLUMNS = List.of("id", "at", "actor", "action", "target", "detail");

    private final AuditLog audit;
    private final ZoneId zone;

    /** @param zone the time zone that dates in {@code from} and {@code to} are days of */
    public AuditRoutes(AuditLog audit, ZoneId zone) {
        this.audit = audit;
        this.zone = zone;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/audit", this::list);
    }

    private void list(Context ctx) {
        requireReader(Caller.of(ctx));
        AuditQuery query = new AuditQuery(Period.bound(ctx, "from", zone, false), Period.bound(ctx, "to", zone, true),
                QueryParams.text(ctx, "actor"), QueryParams.text(ctx, "action"), QueryParams.text(ctx, "target"));
        if (!CsvResponse.wanted(ctx)) {
            Paging page = Paging.of(ctx);
            ctx.json(audit.list(query, page.limit(), page.offset()));
            return;
        }
        long matches = audit.count(query);
        if (matches > MAX_EXPORT_ROWS) {
            throw new ApiException(400, "too many entries to export: narrow the period or filters",
                    Map.of("matches", matches, "maxRows", MAX_EXPORT_ROWS));
        }
        CsvResponse.send(ctx, "audit.csv", COLUMNS, csv -> audit.forEach(query,
                e -> csv.row(e.id(), e.at(), e.actor(), e.action(), e.target(), e.detail())));
    }

    private static void requireReader(Caller caller) {
        caller.require(Role.APPROVER);
        if (caller.areaId() != null) {
            throw new ApiException(403, "the audit log is for users of the whole installation");
        }
    }
}
