package vn.loa.controller.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import vn.loa.controller.http.ListPage;

/** Who did what to which target, kept for the audit report. */
public final class AuditLog {
    public static final int ACTION_MAX = 64;
    public static final int TARGET_MAX = 200;
    public static final int DETAIL_MAX = 2000;
    private static final String COLUMNS = "SELECT id, at, actor, action, target, detail FROM audit_log";
    private static final String NEWEST_FIRST = " ORDER BY at DESC, id DESC";
    private static final RowMapper<AuditEntry> ENTRY = (rs, ctx) -> new AuditEntry(rs.getLong("id"),
            rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("action"),
            rs.getString("target"), rs.getString("detail"));

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(String actor, String action, String target, String detail) {
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (:at, :actor, :action, :target, :detail)")
                .bind("at", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                .bind("actor", actor)
                .bind("action", cut(action, ACTION_MAX))
                .bind("target", cut(target, TARGET_MAX))
                .bind("detail", cut(detail, DETAIL_MAX))
                .execute());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** A page of the matching entries, newest first. */
    public ListPage<AuditEntry> list(AuditQuery query, int limit, long offset) {
        Filter filter = Filter.of(query);
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM audit_log" + filter.where).bindMap(filter.params)
                    .mapTo(Long.class).one();
            List<AuditEntry> items = h.createQuery(COLUMNS + filter.where + NEWEST_FIRST
                            + " LIMIT :limit OFFSET :offset")
                    .bindMap(filter.params).bind("limit", limit).bind("offset", offset)
                    .map(ENTRY).list();
            return new ListPage<>(items, total);
        });
    }

    public long count(AuditQuery query) {
        Filter filter = Filter.of(query);
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log" + filter.where)
                .bindMap(filter.params).mapTo(Long.class).one());
    }

    /** Hands every matching entry, newest first, to {@code each} while reading them (for exports). */
    public void forEach(AuditQuery query, Consumer<AuditEntry> each) {
        Filter filter = Filter.of(query);
        jdbi.useHandle(h -> {
            try (var entries = h.createQuery(COLUMNS + filter.where + NEWEST_FIRST).bindMap(filter.params)
                    .map(ENTRY).stream()) {
                entries.forEach(each);
            }
        });
    }

    private record Filter(String where, Map<String, Object> params) {
        static Filter of(AuditQuery q) {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (q.from() != null) {
                where.append(" AND at >= :from");
                params.put("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
            }
            if (q.to() != null) {
                where.append(" AND at < :to");
                params.put("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
            }
            if (q.actor() != null) {
                where.append(" AND actor = :actor");
                params.put("actor", q.actor());
            }
            if (q.action() != null) {
                where.append(" AND (action = :action OR action LIKE :actionFamily ESCAPE '!'"
                        + " OR action LIKE :requestFamily ESCAPE '!')");
                String escaped = q.action().replace("!", "!!").replace("%", "!%").replace("_", "!_");
                params.put("action", q.action());
                params.put("actionFamily", escaped + ".%");
                params.put("requestFamily", escaped + " %");
            }
            if (q.target() != null) {
                where.append(" AND target = :target");
                params.put("target", q.target());
            }
            return new Filter(where.toString(), params);
        }
    }
}
