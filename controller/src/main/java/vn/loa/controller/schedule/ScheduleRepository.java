package vn.loa.controller.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import vn.loa.controller.broadcast.Priority;
import vn.loa.controller.stream.SourceSpec;

/** The schedules table. */
final class ScheduleRepository {
    private static final String COLUMNS = "s.id, s.name, s.source_json, s.targets_json, s.priority, s.volume,"
            + " s.area_id, s.rrule, s.first_date, s.start_time, s.duration_minutes, s.except_dates, s.enabled,"
            + " s.created_by, s.created_at, s.updated_by, s.updated_at";

    private final Jdbi jdbi;

    ScheduleRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    long insert(ScheduleDraft draft, String by, Instant now) {
        return jdbi.withHandle(h -> bind(h.createUpdate("INSERT INTO schedules (name, source_json, targets_json,"
                        + " priority, volume, area_id, rrule, first_date, start_time, duration_minutes, except_dates,"
                        + " enabled, created_by, created_at, updated_by, updated_at) VALUES (:name, :source, :targets,"
                        + " :priority, :volume, :area, :rrule, :firstDate, :startTime, :minutes, :except, :enabled,"
                        + " :by, :now, :by, :now)"), draft, by, now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    void update(long id, ScheduleDraft draft, String by, Instant now) {
        jdbi.useHandle(h -> bind(h.createUpdate("UPDATE schedules SET name = :name, source_json = :source,"
                        + " targets_json = :targets, priority = :priority, volume = :volume, area_id = :area,"
                        + " rrule = :rrule, first_date = :firstDate, start_time = :startTime,"
                        + " duration_minutes = :minutes, except_dates = :except, enabled = :enabled,"
                        + " updated_by = :by, updated_at = :now WHERE id = :id"), draft, by, now)
                .bind("id", id).execute());
    }

    boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM schedules WHERE id = :id").bind("id", id).execute()) > 0;
    }

    Optional<Schedule> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM schedules s WHERE s.id = :id")
                .bind("id", id).map((rs, ctx) -> schedule(rs)).findOne());
    }

    /** The area path the schedule belongs to, empty for an installation-wide one. */
    Optional<String> areaPathOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.path FROM schedules s LEFT JOIN areas a ON a.id = s.area_id"
                        + " WHERE s.id = :id").bind("id", id).mapTo(String.class).findOne());
    }

    /** Schedules of the areas under {@code pathPrefix} (every schedule when empty), oldest first. */
    List<Schedule> list(Optional<String> pathPrefix, int limit, long offset) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM schedules s LEFT JOIN areas a ON a.id = s.area_id"
                    + where(pathPrefix) + " ORDER BY s.id LIMIT :limit OFFSET :offset");
            pathPrefix.ifPresent(p -> query.bind("prefix", p + "%"));
            return query.bind("limit", limit).bind("offset", offset).map((rs, ctx) -> schedule(rs)).list();
        });
    }

    long count(Optional<String> pathPrefix) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT COUNT(*) FROM schedules s LEFT JOIN areas a ON a.id = s.area_id"
                    + where(pathPrefix));
            pathPrefix.ifPresent(p -> query.bind("prefix", p + "%"));
            return query.mapTo(Long.class).one();
        });
    }

    List<Schedule> enabled() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM schedules s WHERE s.enabled ORDER BY s.id")
                .map((rs, ctx) -> schedule(rs)).list());
    }

    private static String where(Optional<String> pathPrefix) {
        return pathPrefix.isPresent() ? " WHERE a.path LIKE :prefix" : "";
    }

    private static <S extends SqlStatement<S>> S bind(S statement, ScheduleDraft draft, String by, Instant now) {
        Recurrence recurrence = draft.recurrence();
        return statement.bind("name", draft.name())
                .bind("source", StoredJson.write(draft.source()))
                .bind("targets", StoredJson.write(StoredJson.targets(draft.targets())))
                .bind("priority", draft.priority().name())
                .bind("volume", draft.volume())
                .bind("area", draft.areaId())
                .bind("rrule", recurrence.rrule())
                .bind("firstDate", recurrence.firstDate())
                .bind("startTime", recurrence.at())
                .bind("minutes", (int) recurrence.duration().toMinutes())
                .bind("except", recurrence.except().stream().map(LocalDate::toString).collect(Collectors.joining(",")))
                .bind("enabled", draft.enabled())
                .bind("by", by)
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    }

    private static Schedule schedule(ResultSet rs) throws SQLException {
        String except = rs.getString("except_dates");
        Recurrence recurrence = new Recurrence(rs.getString("rrule"), rs.getObject("first_date", LocalDate.class),
                rs.getObject("start_time", LocalTime.class), Duration.ofMinutes(rs.getInt("duration_minutes")),
                except.isEmpty() ? new TreeSet<>() : Arrays.stream(except.split(",")).map(LocalDate::parse)
                        .collect(Collectors.toCollection(TreeSet::new)));
        int volume = rs.getInt("volume");
        Integer volumeOrNull = rs.wasNull() ? null : volume;
        long area = rs.getLong("area_id");
        Long areaOrNull = rs.wasNull() ? null : area;
        ScheduleDraft draft = new ScheduleDraft(rs.getString("name"), SourceSpec.fromJson(StoredJson.read(rs.getString("source_json"))),
                StoredJson.targets(StoredJson.read(rs.getString("targets_json"))), Priority.valueOf(rs.getString("priority")),
                volumeOrNull, areaOrNull, recurrence, rs.getBoolean("enabled"));
        return new Schedule(rs.getLong("id"), draft, rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
