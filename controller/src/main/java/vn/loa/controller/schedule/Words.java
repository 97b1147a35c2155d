package vn.loa.controller.schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dmfs.rfc5545.Weekday;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRule.Part;

/**
 * A recurrence in plain words, in Vietnamese and in English: "Thứ Hai, Thứ Tư lúc 06:00, 30 phút, từ 01/12/2026
 * đến 31/12/2026, trừ 01/01/2027" / "Mon, Wed at 06:00 for 30 min, 2026-12-01..2026-12-31, except 2027-01-01".
 * A rule beyond the common shapes is named by its RRULE text.
 */
final class Words {
    static final List<Weekday> MONDAY_FIRST = List.of(Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR,
            Weekday.SA, Weekday.SU);
    /** Exception dates spelled out; the rest are counted. */
    static final int MAX_EXCEPTIONS_SPELLED = 10;
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private Words() {
    }

    /** The phrases of one language; {@code %s} and {@code %d} are filled in. */
    private enum Language {
        VI(List.of("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
                DateTimeFormatter.ofPattern("dd/MM/yyyy"), DateTimeFormatter.ofPattern("dd/MM"),
                "Một lần ngày %s", "Hằng ngày", "Mỗi %d ngày", "Mỗi %d tuần vào %s", "Hằng tháng vào %s",
                "ngày %d", "ngày cuối tháng", "ngày thứ %d tính từ cuối tháng", "Hằng năm vào ngày %s",
                "Theo quy tắc %s", " lúc %s, %s", "%d phút", "%d giờ", "%d giờ %d phút", ", từ %s đến %s", ", từ %s",
                ", %d lần", ", trừ %s", " và %d ngày khác"),
        EN(List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
                DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("MM-dd"),
                "Once on %s", "Daily", "Every %d days", "Every %d weeks on %s", "Monthly on %s",
                "day %d", "the last day", "day %d from the end", "Yearly on %s",
                "By rule %s", " at %s for %s", "%d min", "%d h", "%d h %d min", ", %s..%s", ", from %s",
                ", %d times", ", except %s", " and %d more");

        final List<String> weekdays;
        final DateTimeFormatter date;
        final DateTimeFormatter dayOfYear;
        final String once;
        final String daily;
        final String everyDays;
        final String everyWeeksOn;
        final String monthlyOn;
        final String monthDay;
        final String lastMonthDay;
        final String monthDayFromEnd;
        final String yearlyOn;
        final String byRule;
        final String atFor;
        final String minutes;
        final String hours;
        final String hoursMinutes;
        final String fromUntil;
        final String from;
        final String times;
        final String except;
        final String more;

        Language(List<String> weekdays, DateTimeFormatter date, DateTimeFormatter dayOfYear, String once,
                 String daily, String everyDays, String everyWeeksOn, String monthlyOn, String monthDay,
                 String lastMonthDay, String monthDayFromEnd, String yearlyOn, String byRule, String atFor,
                 String minutes, String hours, String hoursMinutes, String fromUntil, String from, String times,
                 String except, String more) {
            this.weekdays = weekdays;
            this.date = date;
            this.dayOfYear = dayOfYear;
            this.once = once;
            this.daily = daily;
            this.everyDays = everyDays;
            this.everyWeeksOn = everyWeeksOn;
            this.monthlyOn = monthlyOn;
            this.monthDay = monthDay;
            this.lastMonthDay = lastMonthDay;
            this.monthDayFromEnd = monthDayFromEnd;
            this.yearlyOn = yearlyOn;
            this.byRule = byRule;
            this.atFor = atFor;
            this.minutes = minutes;
            this.hours = hours;
            this.hoursMinutes = hoursMinutes;
            this.fromUntil = fromUntil;
            this.from = from;
            this.times = times;
            this.except = except;
            this.more = more;
        }
    }

    static ScheduleViews.Description describe(Recurrence recurrence) {
        return new ScheduleViews.Description(describe(recurrence, Language.VI), describe(recurrence, Language.EN));
    }

    /** HH:mm, or HH:mm:ss when the seconds are not zero. */
    static String time(LocalTime at) {
        return at.getSecond() == 0 ? at.format(HOURS_MINUTES) : at.toString();
    }

    static List<Weekday> mondayFirst(Collection<Weekday> days) {
        return MONDAY_FIRST.stream().filter(days::contains).toList();
    }

    private static String describe(Recurrence recurrence, Language words) {
        RecurrenceRule rule = recurrence.rule();
        boolean once = "once".equals(RecurrenceForm.friendlyKind(rule));
        StringBuilder text = new StringBuilder(once
                ? String.format(words.once, recurrence.firstDate().format(words.date))
                : pattern(rule, recurrence, words));
        text.append(String.format(words.atFor, time(recurrence.at()), duration(recurrence.duration(), words)));
        if (!once) {
            String first = recurrence.firstDate().format(words.date);
            text.append(rule.getUntil() == null ? String.format(words.from, first)
                    : String.format(words.fromUntil, first, Recurrence.localDate(rule.getUntil()).format(words.date)));
            if (rule.getCount() != null) {
                text.append(String.format(words.times, rule.getCount()));
            }
        }
        if (!recurrence.except().isEmpty()) {
            List<LocalDate> except = List.copyOf(recurrence.except());
            text.append(String.format(words.except, except.stream().limit(MAX_EXCEPTIONS_SPELLED)
                    .map(d -> d.format(words.date)).collect(Collectors.joining(", "))));
            if (except.size() > MAX_EXCEPTIONS_SPELLED) {
                text.append(String.format(words.more, except.size() - MAX_EXCEPTIONS_SPELLED));
            }
        }
        return text.toString();
    }

    /** Which days, in words; the RRULE itself when its shape is not one of these. */
    private static String pattern(RecurrenceRule rule, Recurrence recurrence, Language words) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (Part part : Part.values()) {
            if (part.name().startsWith("BY") && rule.hasPart(part)) {
                parts.add(part);
            }
        }
        int interval = rule.getInterval();
        LocalDate first = recurrence.firstDate();
        Freq freq = rule.getFreq();
        if (freq == Freq.DAILY && parts.isEmpty()) {
            return interval == 1 ? words.daily : String.format(words.everyDays, interval);
        }
        if (freq == Freq.WEEKLY && EnumSet.of(Part.BYDAY).containsAll(parts)
                && (parts.isEmpty() || rule.getByDayPart().stream().allMatch(d -> d.pos == 0))) {
            List<Weekday> days = parts.isEmpty() ? List.of(MONDAY_FIRST.get(first.getDayOfWeek().ordinal()))
                    : mondayFirst(rule.getByDayPart().stream().map(d -> d.weekday).toList());
            String names = days.stream().map(d -> words.weekdays.get(MONDAY_FIRST.indexOf(d)))
                    .collect(Collectors.joining(", "));
            return interval == 1 ? names : String.format(words.everyWeeksOn, interval, names);
        }
        if (interval == 1 && freq == Freq.MONTHLY && EnumSet.of(Part.BYMONTHDAY).containsAll(parts)) {
            List<Integer> days = parts.isEmpty() ? List.of(first.getDayOfMonth()) : rule.getByPart(Part.BYMONTHDAY);
            return String.format(words.monthlyOn, days.stream().map(d -> monthDay(d, words))
                    .collect(Collectors.joining(", ")));
        }
        if (interval == 1 && freq == Freq.YEARLY && EnumSet.of(Part.BYMONTH, Part.BYMONTHDAY).containsAll(parts)) {
            // the library counts BYMONTH from 0, as its dates do; -1 (several months) stays out of range
            int month = single(rule, Part.BYMONTH, first.getMonthValue() - 1) + 1;
            int day = single(rule, Part.BYMONTHDAY, first.getDayOfMonth());
            // a leap year, so 29/02 is a day of the year
            if (month > 0 && day > 0 && day <= YearMonth.of(2000, month).lengthOfMonth()) {
                return String.format(words.yearlyOn, LocalDate.of(2000, month, day).format(words.dayOfYear));
            }
        }
        return String.format(words.byRule, recurrence.rrule());
    }

    private static String monthDay(int day, Language words) {
        if (day == -1) {
            return words.lastMonthDay;
        }
        return day > 0 ? String.format(words.monthDay, day) : String.format(words.monthDayFromEnd, -day);
    }

    /** The part's only value, {@code fallback} when absent, -1 when it has several. */
    private static int single(RecurrenceRule rule, Part part, int fallback) {
        if (!rule.hasPart(part)) {
            return fallback;
        }
        List<Integer> values = rule.getByPart(part);
        return values.size() == 1 ? values.get(0) : -1;
    }

    private static String duration(Duration duration, Language words) {
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        if (hours == 0) {
            return String.format(words.minutes, minutes);
        }
        return minutes == 0 ? String.format(words.hours, hours) : String.format(words.hoursMinutes, hours, minutes);
    }
}
