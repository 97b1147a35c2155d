package vn.loa.controller.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.dmfs.rfc5545.Weekday;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRule.Part;
import vn.loa.controller.http.ApiException;

/**
 * A recurrence as the API takes and shows it. Either the friendly form
 * {@code {"repeat":"once|daily|weekly","weekdays":["MO","WE"],"from":"2026-12-01","until":"2026-12-31",
 * "except":["2027-01-01"],"at":"06:00","durationMinutes":30}} or a raw RFC 5545 rule
 * {@code {"rrule":"FREQ=MONTHLY;BYMONTHDAY=-1","from":"2026-12-01","except":[..],"at":"06:00","durationMinutes":30}}.
 * Either way the stored rule is an RRULE over dates; the view shows it both ways ({@code repeat} is
 * {@code custom} when the rule has no friendly form).
 */
public final class RecurrenceForm {
    static final Set<String> FIELDS = Set.of("repeat", "weekdays", "from", "until", "except", "at", "durationMinutes",
            "rrule");
    static final String ONCE_RULE = "FREQ=DAILY;COUNT=1";
    private static final DateTimeFormatter RULE_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Set<Freq> DAY_FREQUENCIES = EnumSet.of(Freq.DAILY, Freq.WEEKLY, Freq.MONTHLY, Freq.YEARLY);

    private RecurrenceForm() {
    }

    // Part may only be touched once RecurrenceRule is initialised (a rule was parsed): the library's static
    // initialisers depend on each other in that order, so these sets are made on demand, not as constants.

    /** Rule parts that pick days. */
    private static Set<Part> dayParts() {
        return EnumSet.of(Part.BYMONTH, Part.BYWEEKNO, Part.BYYEARDAY, Part.BYMONTHDAY, Part.BYDAY, Part.BYSETPOS,
                Part.RSCALE, Part.SKIP);
    }

    /** Rule parts that pick times of day, which is {@code at}'s job. */
    private static Set<Part> timeParts() {
        return EnumSet.of(Part.BYHOUR, Part.BYMINUTE, Part.BYSECOND);
    }

    /** The recurrence as shown: friendly fields where the rule has them, and always the rule itself. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String repeat, List<String> weekdays, LocalDate from, LocalDate until, List<LocalDate> except,
                       String at, int durationMinutes, String rrule) {
    }

    /**
     * Reads {@code node}; a missing {@code from} is {@code today}.
     *
     * @throws ApiException 400 naming the field at fault
     */
    public static Recurrence parse(JsonNode node, LocalDate today) {
        if (node == null || !node.isObject()) {
            throw invalid("recurrence must be an object with repeat (once, daily, weekly) or rrule, at and"
                    + " durationMinutes");
        }
        refuseUnknown(node);
        LocalTime at = time(node.get("at"));
        Duration duration = duration(node.get("durationMinutes"));
        TreeSet<LocalDate> except = new TreeSet<>(dates(node.get("except"), "recurrence.except"));
        if (except.size() > Recurrence.MAX_EXCEPTIONS) {
            throw invalid("recurrence.except may list at most " + Recurrence.MAX_EXCEPTIONS + " dates");
        }
        LocalDate from = optionalDate(node.get("from"), "recurrence.from");
        String repeat = text(node.get("repeat"), "recurrence.repeat");
        String rrule = text(node.get("rrule"), "recurrence.rrule");
        if ((repeat == null) == (rrule == null)) {
            throw invalid("recurrence needs exactly one of repeat (once, daily, weekly) and rrule");
        }
        String rule;
        if (rrule != null) {
            refuseWith(node, "rrule", "weekdays", "until");
            rule = rrule.toUpperCase(Locale.ROOT);
        } else {
            rule = friendlyRule(repeat, node, from);
        }
        LocalDate first = from != null ? from : today;
        Recurrence recurrence = new Recurrence(checkedRule(rule), first, at, duration, except);
        if (recurrence.firstDay().isEmpty()) {
            throw invalid("the recurrence never occurs (within " + Recurrence.FIRST_DAY_SEARCH_YEARS
                    + " years of " + first + ", exception dates aside)");
        }
        return recurrence;
    }

    public static View view(Recurrence recurrence) {
        RecurrenceRule rule = recurrence.rule();
        String at = Words.time(recurrence.at());
        int minutes = (int) recurrence.duration().toMinutes();
        List<LocalDate> except = List.copyOf(recurrence.except());
        LocalDate until = rule.getUntil() == null ? null : Recurrence.localDate(rule.getUntil());
        return switch (friendlyKind(rule)) {
            case "once" -> new View("once", null, recurrence.firstDate(), null, except, at, minutes, recurrence.rrule());
            case "daily" -> new View("daily", null, recurrence.firstDate(), until, except, at, minutes,
                    recurrence.rrule());
            case "weekly" -> new View("weekly", Words.mondayFirst(rule.getByDayPart().stream().map(d -> d.weekday).toList())
                            .stream().map(Weekday::name).toList(),
                    recurrence.firstDate(), until, except, at, minutes, recurrence.rrule());
            default -> new View("custom", null, recurrence.firstDate(), null, except, at, minutes, recurrence.rrule());
        };
    }

    /** once, daily, weekly, or custom for a rule the friendly form cannot say. */
    static String friendlyKind(RecurrenceRule rule) {
        Set<Part> dayParts = EnumSet.noneOf(Part.class);
        dayParts().stream().filter(rule::hasPart).forEach(dayParts::add);
        if (rule.getInterval() != 1) {
            return "custom";
        }
        if (rule.getFreq() == Freq.DAILY && dayParts.isEmpty()) {
            Integer count = rule.getCount();
            if (count == null) {
                return "daily";
            }
            return count == 1 ? "once" : "custom";
        }
        boolean plainWeekdays = dayParts.equals(EnumSet.of(Part.BYDAY))
                && rule.getByDayPart().stream().allMatch(d -> d.pos == 0);
        return rule.getFreq() == Freq.WEEKLY && rule.getCount() == null && plainWeekdays ? "weekly" : "custom";
    }

    private static String friendlyRule(String repeat, JsonNode node, LocalDate from) {
        LocalDate until = optionalDate(node.get("until"), "recurrence.until");
        if (until != null && from != null && until.isBefore(from)) {
            throw invalid("recurrence.until must not be before recurrence.from");
        }
        String untilPart = until == null ? "" : ";UNTIL=" + until.format(RULE_DATE);
        return switch (repeat) {
            case "once" -> {
                refuseWith(node, "repeat once", "weekdays", "until");
                if (from == null) {
                    throw invalid("recurrence.from is the date of a once-only programme and is required");
                }
                yield ONCE_RULE;
            }
            case "daily" -> {
                refuseWith(node, "repeat daily", "weekdays");
                yield "FREQ=DAILY" + untilPart;
            }
            case "weekly" -> "FREQ=WEEKLY;BYDAY=" + String.join(",", weekdays(node.get("weekdays"))) + untilPart;
            default -> throw invalid("recurrence.repeat must be once, daily or weekly (or give an rrule)");
        };
    }

    private static List<String> weekdays(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw invalid("recurrence.weekdays must list the days to play on: MO, TU, WE, TH, FR, SA, SU");
        }
        Set<Weekday> days = EnumSet.noneOf(Weekday.class);
        for (JsonNode day : node) {
            try {
                days.add(Weekday.valueOf(day.asText("").toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw invalid("recurrence.weekdays must hold MO, TU, WE, TH, FR, SA or SU, not " + day);
            }
        }
        // the RFC numbers weekdays from Sunday; people here read a week from Monday
        return Words.mondayFirst(days).stream().map(Weekday::name).toList();
    }

    /** The rule, parsed and put in the library's canonical text, once it is known to pick whole days. */
    private static String checkedRule(String text) {
        if (text.length() > Recurrence.MAX_RULE_LENGTH) {
            throw invalid("recurrence.rrule must be at most " + Recurrence.MAX_RULE_LENGTH + " characters");
        }
        RecurrenceRule rule;
        try {
            rule = Recurrence.parse(text.startsWith("RRULE:") ? text.substring("RRULE:".length()) : text);
        } catch (IllegalArgumentException e) {
            throw invalid("recurrence.rrule is " + e.getMessage());
        }
        if (!DAY_FREQUENCIES.contains(rule.getFreq())) {
            throw invalid("recurrence.rrule must repeat DAILY, WEEKLY, MONTHLY or YEARLY: the time of day is 'at'");
        }
        if (timeParts().stream().anyMatch(rule::hasPart)) {
            throw invalid("recurrence.rrule must not use BYHOUR, BYMINUTE or BYSECOND: the time of day is 'at'");
        }
        if (rule.getUntil() != null && !rule.getUntil().isAllDay()) {
            throw invalid("recurrence.rrule's UNTIL must be a date (UNTIL=20261231), as its days are");
        }
        return rule.toString();
    }

    private static LocalTime time(JsonNode node) {
        String text = node == null ? "" : node.asText("");
        try {
            LocalTime at = LocalTime.parse(text);
            if (at.getNano() == 0 && text.length() <= "HH:mm:ss".length()) {
                return at;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw invalid("recurrence.at is the time of day to start, HH:mm or HH:mm:ss");
    }

    private static Duration duration(JsonNode node) {
        long min = Recurrence.MIN_DURATION.toMinutes();
        long max = Recurrence.MAX_DURATION.toMinutes();
        if (node == null || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw invalid("recurrence.durationMinutes must be a whole number of minutes within " + min + ".." + max);
        }
        return Duration.ofMinutes(node.asLong());
    }

    private static List<LocalDate> dates(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field + " must be an array of dates (YYYY-MM-DD)");
        }
        if (node.size() > Recurrence.MAX_EXCEPTIONS) {
            throw invalid(field + " may list at most " + Recurrence.MAX_EXCEPTIONS + " dates");
        }
        List<LocalDate> dates = new ArrayList<>();
        for (JsonNode date : node) {
            dates.add(optionalDate(date, field));
        }
        return dates;
    }

    private static LocalDate optionalDate(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(node.isTextual() ? node.asText() : "");
        } catch (DateTimeParseException e) {
            throw invalid(field + " must hold dates as YYYY-MM-DD, not " + node);
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw invalid(field + " must be a non-empty string");
        }
        return node.asText().strip();
    }

    private static void refuseUnknown(JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown fields", List.of("recurrence." + name));
            }
        }
    }

    private static void refuseWith(JsonNode node, String form, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                throw invalid("recurrence." + field + " does not go with " + form);
            }
        }
    }

    private static ApiException invalid(String rule) {
        return ApiException.badRequest("invalid field", rule);
    }
}
