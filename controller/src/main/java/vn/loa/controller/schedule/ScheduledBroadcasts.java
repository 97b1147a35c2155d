package vn.loa.controller.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** What the broadcasts table says about schedules' occurrences: one row per occurrence started. */
final class ScheduledBroadcasts {
    static final String ACTIVE = "active";

    private final Jdbi jdbi;

    ScheduledBroadcasts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    boolean started(long scheduleId, Instant occurrenceAt) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM broadcasts"
                        + " WHERE schedule_id = :schedule AND occurrence_at = :at")
                .bind("schedule", scheduleId)
                .bind("at", OffsetDateTime.ofInstant(occurrenceAt, ZoneOffset.UTC))
                .mapTo(Integer.class).one()) > 0;
    }

    /** The ids of the schedule's broadcasts still playing. */
    List<String> active(long scheduleId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM broadcasts WHERE schedule_id = :schedule"
                        + " AND status = :active ORDER BY created_at")
                .bind("schedule", scheduleId)
                .bind("active", ACTIVE)
                .mapTo(String.class).list());
    }
}
