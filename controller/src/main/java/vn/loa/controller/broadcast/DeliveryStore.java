package vn.loa.controller.broadcast;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.controller.storage.Timestamps;

/** The {@code deliveries} table: proof of play, written in JDBC batches. */
final class DeliveryStore {
    private static final String COLUMNS = "outcome = :outcome, reason = :reason, first_started_at = :first,"
            + " last_ended_at = :last, seconds_played = :seconds, preemptions = :preemptions,"
            + " loss_fraction = :loss, jitter_ms = :jitter, updated_at = :updated";

    static final RowMapper<DeliveryRow> ROW = (rs, ctx) -> new DeliveryRow(
            rs.getString("broadcast_id"),
            rs.getString("device_id"),
            rs.getObject("area_id", Long.class),
            Outcome.valueOf(rs.getString("outcome")),
            rs.getString("reason"),
            Timestamps.read(rs, "first_started_at"),
            Timestamps.read(rs, "last_ended_at"),
            rs.getDouble("seconds_played"),
            rs.getInt("preemptions"),
            rs.getObject("loss_fraction", Float.class),
            rs.getObject("jitter_ms", Float.class),
            Timestamps.read(rs, "updated_at"));

    private final Jdbi jdbi;

    DeliveryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts the new rows and updates the others, in one transaction. */
    void write(Collection<DeliveryRow> inserts, Collection<DeliveryRow> updates) {
        jdbi.useTransaction(h -> {
            batch(h, "INSERT INTO deliveries (broadcast_id, device_id, area_id, outcome, reason, first_started_at,"
                    + " last_ended_at, seconds_played, preemptions, loss_fraction, jitter_ms, updated_at) VALUES"
                    + " (:broadcast, :device, :area, :outcome, :reason, :first, :last, :seconds, :preemptions, :loss,"
                    + " :jitter, :updated)", inserts);
            batch(h, "UPDATE deliveries SET " + COLUMNS + " WHERE broadcast_id = :broadcast AND device_id = :device",
                    updates);
        });
    }

    List<DeliveryRow> of(String broadcastId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deliveries WHERE broadcast_id = :id")
                .bind("id", broadcastId)
                .map(ROW)
                .list());
    }

    /** How many speakers had each outcome. */
    Map<Outcome, Integer> outcomes(String broadcastId) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        jdbi.useHandle(h -> h.createQuery("SELECT outcome, COUNT(*) AS n FROM deliveries WHERE broadcast_id = :id"
                        + " GROUP BY outcome")
                .bind("id", broadcastId)
                .map((rs, ctx) -> Map.entry(Outcome.valueOf(rs.getString("outcome")), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** Every row of the broadcast in the caller's scope, ordered by device. */
    List<DeliveryRow> all(String broadcastId, String scopePrefix) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT * FROM deliveries WHERE broadcast_id = :id" + scope(scopePrefix)
                    + " ORDER BY device_id").bind("id", broadcastId);
            if (scopePrefix != null) {
                query.bind("prefix", scopePrefix + "%");
            }
            return query.map(ROW).list();
        });
    }

    private static String scope(String scopePrefix) {
        return scopePrefix == null ? "" : " AND area_id IN (SELECT id FROM areas WHERE path LIKE :prefix)";
    }

    /** A page of the broadcast's rows, ordered by device; {@code scopePrefix} null for every device. */
    ListPage<DeliveryRow> page(String broadcastId, String scopePrefix, Paging page) {
        String scope = scope(scopePrefix);
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT * FROM deliveries WHERE broadcast_id = :id" + scope
                            + " ORDER BY device_id LIMIT :limit OFFSET :offset")
                    .bind("id", broadcastId).bind("limit", page.limit()).bind("offset", page.offset());
            var count = h.createQuery("SELECT COUNT(*) FROM deliveries WHERE broadcast_id = :id" + scope)
                    .bind("id", broadcastId);
            if (scopePrefix != null) {
                query.bind("prefix", scopePrefix + "%");
                count.bind("prefix", scopePrefix + "%");
            }
            return new ListPage<>(query.map(ROW).list(), count.mapTo(Long.class).one());
        });
    }

    private static void batch(Handle h, String sql, Collection<DeliveryRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch(sql);
        for (DeliveryRow row : rows) {
            batch.bind("broadcast", row.broadcastId())
                    .bind("device", row.deviceId())
                    .bind("area", row.areaId())
                    .bind("outcome", row.outcome().name())
                    .bind("reason", row.reason())
                    .bind("first", Timestamps.of(row.firstStartedAt()))
                    .bind("last", Timestamps.of(row.lastEndedAt()))
                    .bind("seconds", row.secondsPlayed())
                    .bind("preemptions", row.preemptions())
                    .bind("loss", row.lossFraction())
                    .bind("jitter", row.jitterMillis())
                    .bind("updated", Timestamps.of(row.updatedAt()))
                    .add();
        }
        batch.execute();
    }
}
