package vn.loa.controller.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.protocol.message.CommandType;

/** The {@code commands} and {@code command_results} tables. Many rows are always written as one JDBC batch. */
final class CommandStore {
    /** Reads and writes the commands' JSON values as plain Java values. */
    private static final ObjectMapper VALUES = new ObjectMapper();
    /** Commands visible to a caller scoped to the subtree whose path is {@code :prefix}. */
    private static final String IN_SCOPE = "(c.target_kind = 'area' AND c.target_id IN"
            + " (SELECT CAST(a.id AS VARCHAR(64)) FROM areas a WHERE a.path LIKE :prefix)"
            + " OR c.target_kind = 'device' AND c.target_id IN"
            + " (SELECT d.id FROM devices d JOIN areas a ON a.id = d.area_id WHERE a.path LIKE :prefix)"
            + " OR c.target_kind = 'group' AND c.target_id IN"
            + " (SELECT CAST(g.id AS VARCHAR(64)) FROM speaker_groups g JOIN areas a ON a.id = g.area_id"
            + " WHERE a.path LIKE :prefix))";

    private static final RowMapper<IssuedCommand> COMMAND = (rs, ctx) -> new IssuedCommand(
            rs.getString("id"),
            CommandType.valueOf(rs.getString("type")),
            readValue(rs.getString("value_json")),
            new CommandTarget(CommandTarget.Kind.valueOf(rs.getString("target_kind")), rs.getString("target_id")),
            rs.getString("created_by"),
            instant(rs, "created_at"),
            instant(rs, "expires_at"));

    private static final RowMapper<DeviceResult> RESULT = (rs, ctx) -> new DeviceResult(
            rs.getString("device_id"),
            ResultStatus.valueOf(rs.getString("status")),
            rs.getString("reason"),
            rs.getObject("latency_ms", Integer.class),
            instant(rs, "updated_at"));

    private record StatusCount(String commandId, ResultStatus status, int count) {
    }

    private final Jdbi jdbi;

    CommandStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Writes the command and one result row per targeted device in one transaction. */
    void insert(IssuedCommand command, Collection<DeviceResult> results) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO commands (id, type, value_json, target_kind, target_id, created_by, created_at,"
                            + " expires_at) VALUES (:id, :type, :value, :kind, :target, :by, :created, :expires)")
                    .bind("id", command.id())
                    .bind("type", command.type().name())
                    .bind("value", writeValue(command.value()))
                    .bind("kind", command.target().kind().name())
                    .bind("target", command.target().id())
                    .bind("by", command.createdBy())
                    .bind("created", timestamp(command.createdAt()))
                    .bind("expires", timestamp(command.expiresAt()))
                    .execute();
            writeResults(h, "INSERT INTO command_results (command_id, device_id, status, reason, latency_ms, updated_at)"
                    + " VALUES (:command, :device, :status, :reason, :latency, :at)", command.id(), results);
        });
    }

    /** Applies result changes of any number of commands in one transaction. */
    void update(Map<String, List<DeviceResult>> resultsByCommand) {
        jdbi.useTransaction(h -> {
            for (Map.Entry<String, List<DeviceResult>> entry : resultsByCommand.entrySet()) {
                writeResults(h, "UPDATE command_results SET status = :status, reason = :reason, latency_ms = :latency,"
                        + " updated_at = :at WHERE command_id = :command AND device_id = :device", entry.getKey(),
                        entry.getValue());
            }
        });
    }

    Optional<IssuedCommand> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM commands WHERE id = :id")
                .bind("id", id)
                .map(COMMAND)
                .findOne());
    }

    List<DeviceResult> results(String commandId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM command_results WHERE command_id = :id ORDER BY device_id")
                .bind("id", commandId)
                .map(RESULT)
                .list());
    }

    /** Ids of commands with a result still pending (after a restart, the ones to take back into memory). */
    List<String> withPendingResults() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT DISTINCT command_id FROM command_results WHERE status = 'pending'")
                .mapTo(String.class)
                .list());
    }

    /** Newest first; {@code scopePrefix} null for a caller who sees every command. */
    ListPage<IssuedCommand> list(String scopePrefix, Paging page) {
        String where = scopePrefix == null ? "" : " WHERE " + IN_SCOPE;
        return jdbi.withHandle(h -> {
            List<IssuedCommand> items = scoped(h.createQuery("SELECT c.* FROM commands c" + where
                            + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset"), scopePrefix)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map(COMMAND)
                    .list();
            long total = scoped(h.createQuery("SELECT COUNT(*) FROM commands c" + where), scopePrefix)
                    .mapTo(Long.class)
                    .one();
            return new ListPage<>(items, total);
        });
    }

    private static Query scoped(Query query, String scopePrefix) {
        return scopePrefix == null ? query : query.bind("prefix", scopePrefix + "%");
    }

    /** Result counts per status for each of these commands. */
    Map<String, Map<ResultStatus, Integer>> summaries(List<String> commandIds) {
        Map<String, Map<ResultStatus, Integer>> summaries = new HashMap<>();
        if (commandIds.isEmpty()) {
            return summaries;
        }
        for (String id : commandIds) {
            Map<ResultStatus, Integer> counts = new EnumMap<>(ResultStatus.class);
            for (ResultStatus status : ResultStatus.values()) {
                counts.put(status, 0);
            }
            summaries.put(id, counts);
        }
        List<StatusCount> counts = jdbi.withHandle(h -> h.createQuery(
                        "SELECT command_id, status, COUNT(*) AS n FROM command_results"
                        + " WHERE command_id IN (<ids>) GROUP BY command_id, status")
                .bindList("ids", commandIds)
                .map((rs, ctx) -> new StatusCount(rs.getString("command_id"),
                        ResultStatus.valueOf(rs.getString("status")), rs.getInt("n")))
                .list());
        for (StatusCount count : counts) {
            summaries.get(count.commandId()).put(count.status(), count.count());
        }
        return summaries;
    }

    private static void writeResults(Handle h, String sql, String commandId, Collection<DeviceResult> results) {
        PreparedBatch batch = h.prepareBatch(sql);
        for (DeviceResult r : results) {
            batch.bind("command", commandId)
                    .bind("device", r.deviceId())
                    .bind("status", r.status().name())
                    .bind("reason", r.reason())
                    .bind("latency", r.latencyMs())
                    .bind("at", timestamp(r.at()))
                    .add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static String writeValue(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return VALUES.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("command value cannot be written as JSON", e);
        }
    }

    private static Object readValue(String json) {
        if (json == null) {
            return null;
        }
        try {
            return VALUES.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored command value is not JSON: " + json, e);
        }
    }
}
