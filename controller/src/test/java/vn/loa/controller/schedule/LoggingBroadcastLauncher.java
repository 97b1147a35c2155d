package vn.loa.controller.schedule;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.broadcast.BroadcastRequest;

/**
 * Stands in for the broadcast service in scheduler tests: records each start as a {@code broadcasts} row
 * (so an occurrence is known to have started, across restarts) and logs it, but plays nothing.
 */
final class LoggingBroadcastLauncher extends StandInLauncher {
    private static final Logger log = LoggerFactory.getLogger(LoggingBroadcastLauncher.class);
    private static final int ID_BYTES = 8;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    LoggingBroadcastLauncher(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public String start(Caller caller, BroadcastRequest request) {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = "b" + HexFormat.of().formatHex(bytes);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO broadcasts (id, name, source_json, targets_json, priority,"
                        + " volume, created_by, created_at, ends_at, schedule_id, occurrence_at, status) VALUES (:id,"
                        + " :name, :source, :targets, :priority, :volume, :by, :now, :endsAt, :schedule, :occurrence,"
                        + " :status)")
                .bind("id", id)
                .bind("name", request.name())
                .bind("source", StoredJson.write(request.source()))
                .bind("targets", StoredJson.write(StoredJson.targets(request.targets())))
                .bind("priority", request.priority().name())
                .bind("volume", request.volume())
                .bind("by", caller.username())
                .bind("now", utc(clock.instant()))
                .bind("endsAt", request.endsAt() == null ? null : utc(request.endsAt()))
                .bind("schedule", request.scheduleId())
                .bind("occurrence", request.occurrenceAt() == null ? null : utc(request.occurrenceAt()))
                .bind("status", ScheduledBroadcasts.ACTIVE)
                .execute());
        log.info("broadcast {} \"{}\" recorded for {} (no broadcast service is wired in: nothing plays)", id,
                request.name(), caller.username());
        return id;
    }

    @Override
    public void end(String broadcastId, String reason, String by) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE broadcasts SET status = 'ended', ended_at = :now,"
                        + " end_reason = :reason, ended_by = :by WHERE id = :id AND status = :active")
                .bind("now", utc(clock.instant())).bind("reason", reason).bind("by", by).bind("id", broadcastId)
                .bind("active", ScheduledBroadcasts.ACTIVE).execute());
        log.info("broadcast {} ended by {}: {}", broadcastId, by, reason);
    }

    @Override
    public boolean isActive(String broadcastId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM broadcasts WHERE id = :id AND status = :active")
                .bind("id", broadcastId).bind("active", ScheduledBroadcasts.ACTIVE).mapTo(Integer.class).one()) > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
