package vn.loa.controller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * When a schedule plays: the days an RFC 5545 RRULE picks from its first date (its DTSTART, a date), less the
 * exception dates (EXDATE), each day from the wall-clock time {@code at} for {@code duration}. The zone is applied
 * at expansion, so the same rule gives other instants in another configured zone.
 */
public record Recurrence(String rrule, LocalDate firstDate, LocalTime at, Duration duration,
                         SortedSet<LocalDate> except) {
    public static final Duration MIN_DURATION = Duration.ofMinutes(1);
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    public static final int MAX_EXCEPTIONS = 366;
    public static final int MAX_RULE_LENGTH = 500;
    /** How far ahead a rule is searched for its first day: a rule with none in that time is refused. */
    public static final int FIRST_DAY_SEARCH_YEARS = 10;

    public Recurrence {
        except = Collections.unmodifiableSortedSet(new TreeSet<>(except));
    }

    /** The rule, parsed; the text was checked when the recurrence was made. */
    RecurrenceRule rule() {
        return parse(rrule);
    }

    static RecurrenceRule parse(String rrule) {
        try {
            return new RecurrenceRule(rrule, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RFC 5545 recurrence rule: " + e.getMessage(), e);
        }
    }

    /** Occurrences whose window overlaps {@code [from, to)}, in order, at most {@code limit}. */
    public List<Occurrence> between(Instant from, Instant to, ZoneId zone, int limit) {
        List<Occurrence> found = new ArrayList<>();
        RecurrenceRuleIterator days = rule().iterator(date(firstDate));
        // a window that overlaps `from` starts at most `duration` before it, a day earlier in the zone at worst
        LocalDate earliest = LocalDate.ofInstant(from.minus(duration), zone).minusDays(1);
        if (earliest.isAfter(firstDate)) {
            days.fastForward(date(earliest));
        }
        while (days.hasNext() && found.size() < limit) {
            LocalDate day = localDate(days.nextDateTime());
            if (except.contains(day)) {
                continue;
            }
            Occurrence occurrence = Occurrence.on(day, at, duration, zone);
            if (!occurrence.start().isBefore(to)) {
                break;
            }
            if (occurrence.end().isAfter(from)) {
                found.add(occurrence);
            }
        }
        return found;
    }

    /** The next {@code count} occurrences starting at or after {@code from}. */
    public List<Occurrence> upcoming(Instant from, ZoneId zone, int count) {
        Instant searchEnd = from.plus(Duration.ofDays(366L * FIRST_DAY_SEARCH_YEARS));
        return between(from, searchEnd, zone, count + 1).stream()
                .filter(o -> !o.start().isBefore(from))
                .limit(count)
                .toList();
    }

    /** The first day the rule picks that is not an exception, if any within {@link #FIRST_DAY_SEARCH_YEARS}. */
    public Optional<LocalDate> firstDay() {
        try {
            RecurrenceRuleIterator days = rule().iterator(date(firstDate));
            LocalDate last = firstDate.plusYears(FIRST_DAY_SEARCH_YEARS);
            while (days.hasNext()) {
                LocalDate day = localDate(days.nextDateTime());
                if (day.isAfter(last)) {
                    return Optional.empty();
                }
                if (!except.contains(day)) {
                    return Optional.of(day);
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // the library gives up on a rule whose candidates it keeps filtering out (30 February)
            return Optional.empty();
        }
    }

    /** An all-day value, as the rule's DTSTART is (lib-recur months count from 0). */
    static DateTime date(LocalDate day) {
        return new DateTime(day.getYear(), day.getMonthValue() - 1, day.getDayOfMonth());
    }

    static LocalDate localDate(DateTime day) {
        return LocalDate.of(day.getYear(), day.getMonth() + 1, day.getDayOfMonth());
    }
}
