package vn.loa.controller.telemetry;

import static java.time.ZoneOffset.UTC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.device.PeriodicJob;

/**
 * Rolls finished hours of raw telemetry into {@code telemetry_hourly} and deletes what is older than its retention.
 * Rolling an hour replaces its aggregates, so running again (or after a restart) changes nothing. Hour buckets are
 * computed here in Java, so the SQL is the same on H2 and PostgreSQL.
 */
public final class TelemetryRollup {
    /** Often enough that a finished hour shows in the hourly view within a quarter of an hour. */
    public static final Duration PERIOD = Duration.ofMinutes(15);
    /** Each run rolls the hours since the last run and this many before, for reports that arrived late. */
    static final int LATE_HOURS = 1;
    private static final Logger log = LoggerFactory.getLogger(TelemetryRollup.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final int rawDays;
    private final int hourlyDays;
    private Instant rolledUntil;

    public TelemetryRollup(Jdbi jdbi, Clock clock, int rawDays, int hourlyDays) {
        if (rawDays < 1 || hourlyDays < rawDays) {
            throw new IllegalArgumentException("telemetry retention needs raw days >= 1 and hourly days >= raw days,"
                    + " was " + rawDays + " and " + hourlyDays);
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.rawDays = rawDays;
        this.hourlyDays = hourlyDays;
    }

    public PeriodicJob job() {
        return new PeriodicJob("telemetry-rollup", PERIOD, this::run, false);
    }

    /** Rolls up the finished hours, then applies retention. */
    public synchronized void run() {
        Instant now = clock.instant();
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        // only hours whose raw rows are all still kept: an hour partly deleted must not be rolled again
        Instant oldestWhole = now.minus(Duration.ofDays(rawDays)).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant from = rolledUntil != null ? rolledUntil.minus(LATE_HOURS, ChronoUnit.HOURS)
                : oldestRaw().map(t -> t.truncatedTo(ChronoUnit.HOURS)).orElse(currentHour);
        if (from.isBefore(oldestWhole)) {
            from = oldestWhole;
        }
        int hours = 0;
        for (Instant hour = from; hour.isBefore(currentHour); hour = hour.plus(1, ChronoUnit.HOURS)) {
            rollHour(hour);
            hours++;
        }
        rolledUntil = currentHour;
        int raw = delete("DELETE FROM telemetry_raw WHERE ts < :before", now.minus(Duration.ofDays(rawDays)));
        int hourly = delete("DELETE FROM telemetry_hourly WHERE hour_start < :before", now.minus(Duration.ofDays(hourlyDays)));
        log.debug("telemetry roll-up: {} hours rolled, {} raw and {} hourly rows past retention deleted", hours, raw,
                hourly);
    }

    private void rollHour(Instant hour) {
        OffsetDateTime start = OffsetDateTime.ofInstant(hour, UTC);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM telemetry_hourly WHERE hour_start = :hour").bind("hour", start).execute();
            h.createUpdate("INSERT INTO telemetry_hourly (device_id, hour_start, samples, volume_avg, signal_avg, signal_min,"
                            + " signal_max, temperature_avg, temperature_max, playing_samples)"
                            + " SELECT device_id, :hour, COUNT(*), AVG(CAST(volume AS DOUBLE PRECISION)),"
                            + " AVG(CAST(signal_dbm AS DOUBLE PRECISION)), MIN(signal_dbm), MAX(signal_dbm),"
                            + " AVG(CAST(temperature_c AS DOUBLE PRECISION)), MAX(temperature_c),"
                            + " SUM(CASE WHEN playing THEN 1 ELSE 0 END)"
                            + " FROM telemetry_raw WHERE ts >= :hour AND ts < :next GROUP BY device_id")
                    .bind("hour", start).bind("next", start.plusHours(1)).execute();
        });
    }

    private Optional<Instant> oldestRaw() {
        return Optional.ofNullable(jdbi.withHandle(h -> h.createQuery("SELECT MIN(ts) FROM telemetry_raw")
                .mapTo(OffsetDateTime.class).one())).map(OffsetDateTime::toInstant);
    }

    private int delete(String sql, Instant before) {
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("before", OffsetDateTime.ofInstant(before, UTC)).execute());
    }
}
