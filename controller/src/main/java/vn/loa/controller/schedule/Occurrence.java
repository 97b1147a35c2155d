package vn.loa.controller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** One playing of a schedule: its window from {@code start} (inclusive) to {@code end} (exclusive). */
public record Occurrence(Instant start, Instant end) {

    /** The occurrence on {@code day} at the wall-clock time {@code at} in {@code zone}. */
    static Occurrence on(LocalDate day, LocalTime at, Duration duration, ZoneId zone) {
        Instant start = day.atTime(at).atZone(zone).toInstant();
        return new Occurrence(start, start.plus(duration));
    }

    boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    boolean overlaps(Occurrence other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
