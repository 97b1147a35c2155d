package vn.loa.controller.broadcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.controller.storage.Timestamps;
import vn.loa.controller.stream.SourceSpec;

/** The {@code broadcasts} table. */
final class BroadcastStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<String>>> TARGETS = new TypeReference<>() {
    };
    /** Broadcasts that reached (or were meant to reach) a speaker in the subtree whose path is {@code :prefix}. */
    private static final String IN_SCOPE = " EXISTS (SELECT 1 FROM deliveries d JOIN areas a ON a.id = d.area_id"
            + " WHERE d.broadcast_id = b.id AND a.path LIKE :prefix)";

    private static final RowMapper<BroadcastRecord> RECORD = (rs, ctx) -> new BroadcastRecord(
            rs.getString("id"),
            rs.getString("name"),
            readSource(rs.getString("source_json")),
            readTargets(rs.getString("targets_json")),
            Priority.valueOf(rs.getString("priority")),
            rs.getObject("volume", Integer.class),
            rs.getString("created_by"),
            rs.getObject("created_by_area", Long.class),
            Timestamps.read(rs, "created_at"),
            Timestamps.read(rs, "ends_at"),
            rs.getObject("schedule_id", Long.class),
            Timestamps.read(rs, "occurrence_at"),
            rs.getString("status"),
            Timestamps.read(rs, "ended_at"),
            rs.getString("end_reason"),
            rs.getString("ended_by"));

    private final Jdbi jdbi;

    BroadcastStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(BroadcastRecord b) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO broadcasts (id, name, source_json, targets_json, priority,"
                        + " volume, created_by, created_by_area, created_at, ends_at, schedule_id, occurrence_at, status)"
                        + " VALUES (:id, :name, :source, :targets, :priority, :volume, :by, :byArea, :created, :ends,"
                        + " :schedule, :occurrence, :status)")
                .bind("id", b.id())
                .bind("name", b.name())
                .bind("source", write(b.source()))
                .bind("targets", write(b.targets()))
                .bind("priority", b.priority().name())
                .bind("volume", b.volume())
                .bind("by", b.createdBy())
                .bind("byArea", b.createdByArea())
                .bind("created", Timestamps.of(b.createdAt()))
                .bind("ends", Timestamps.of(b.endsAt()))
                .bind("schedule", b.scheduleId())
                .bind("occurrence", Timestamps.of(b.occurrenceAt()))
                .bind("status", b.status())
                .execute());
    }

    void end(String id, Instant at, String reason, String by) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE broadcasts SET status = :ended, ended_at = :at, end_reason = :reason,"
                        + " ended_by = :by WHERE id = :id AND status = :active")
                .bind("ended", BroadcastRecord.ENDED)
                .bind("active", BroadcastRecord.ACTIVE)
                .bind("at", Timestamps.of(at))
                .bind("reason", reason)
                .bind("by", by)
                .bind("id", id)
                .execute());
    }

    Optional<BroadcastRecord> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM broadcasts WHERE id = :id")
                .bind("id", id)
                .map(RECORD)
                .findOne());
    }

    List<BroadcastRecord> active() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM broadcasts WHERE status = :active ORDER BY created_at")
                .bind("active", BroadcastRecord.ACTIVE)
                .map(RECORD)
                .list());
    }

    /** Newest first; {@code scopePrefix} null for a caller who sees every broadcast. */
    ListPage<BroadcastRecord> list(boolean activeOnly, String scopePrefix, Paging page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (activeOnly) {
            where.append(" AND b.status = :active");
        }
        if (scopePrefix != null) {
            where.append(" AND").append(IN_SCOPE);
        }
        return jdbi.withHandle(h -> {
            List<BroadcastRecord> items = bind(h.createQuery("SELECT b.* FROM broadcasts b" + where
                    + " ORDER BY b.created_at DESC, b.id DESC LIMIT :limit OFFSET :offset"), activeOnly, scopePrefix)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map(RECORD)
                    .list();
            long total = bind(h.createQuery("SELECT COUNT(*) FROM broadcasts b" + where), activeOnly, scopePrefix)
                    .mapTo(Long.class)
                    .one();
            return new ListPage<>(items, total);
        });
    }

    /** Whether the broadcast reached (or was meant to reach) a speaker in the subtree. */
    boolean touches(String id, String scopePrefix) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM broadcasts b WHERE b.id = :id AND" + IN_SCOPE)
                .bind("id", id)
                .bind("prefix", scopePrefix + "%")
                .mapTo(Long.class)
                .one() > 0);
    }

    private static Query bind(Query query, boolean activeOnly, String scopePrefix) {
        if (activeOnly) {
            query.bind("active", BroadcastRecord.ACTIVE);
        }
        if (scopePrefix != null) {
            query.bind("prefix", scopePrefix + "%");
        }
        return query;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    private static SourceSpec readSource(String json) {
        try {
            return SourceSpec.fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored source is not JSON: " + json, e);
        }
    }

    private static Map<String, List<String>> readTargets(String json) {
        try {
            return JSON.readValue(json, TARGETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored targets are not JSON: " + json, e);
        }
    }
}
