package vn.loa.controller.schedule;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/**
 * The hours of the night when residents must not be woken: {@code 22:00-05:00} wraps midnight. Every occurrence of
 * a schedule starts at the same wall-clock time for the same duration, so whether one touches the quiet hours is
 * a question about the time of day alone.
 */
public record QuietHours(LocalTime start, LocalTime end) {
    private static final long MINUTES_PER_DAY = Duration.ofDays(1).toMinutes();

    /** {@code HH:mm-HH:mm}, as the configuration checked it. */
    public static QuietHours parse(String text) {
        String[] ends = text.split("-");
        return new QuietHours(LocalTime.parse(ends[0]), LocalTime.parse(ends[1]));
    }

    /** Quiet hours from the setting; empty when none are configured. */
    public static Optional<QuietHours> of(Optional<String> setting) {
        return setting.map(QuietHours::parse);
    }

    /** Whether a window from {@code at} for {@code duration} overlaps the quiet hours of any day. */
    public boolean touches(LocalTime at, Duration duration) {
        long quietStart = minuteOfDay(start);
        long quietLength = Math.floorMod(minuteOfDay(end) - quietStart, MINUTES_PER_DAY);
        double windowStart = at.toSecondOfDay() / 60.0;
        double windowEnd = windowStart + duration.toSeconds() / 60.0;
        // the window lies within [0, 48 h): quiet periods starting the day before, that day or the next may meet it
        for (long day = -1; day <= 1; day++) {
            long from = day * MINUTES_PER_DAY + quietStart;
            if (windowStart < from + quietLength && from < windowEnd) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return Words.time(start) + "-" + Words.time(end);
    }

    private static long minuteOfDay(LocalTime time) {
        return time.toSecondOfDay() / 60;
    }
}
