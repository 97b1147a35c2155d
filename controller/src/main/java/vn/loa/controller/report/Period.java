package vn.loa.controller.report;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import vn.loa.controller.http.QueryParams;

/**
 * The span a report or list covers, from {@code from} (inclusive) to {@code to} (exclusive). The query takes ISO
 * instants ({@code 2026-01-31T07:00:00Z}) or dates ({@code 2026-01-31}, days in the configured time zone): a date
 * as {@code from} means the start of that day, as {@code to} the end of it, so {@code from=2026-01-01&to=2026-01-31}
 * is the whole of January.
 */
public record Period(Instant from, Instant to) {
    private static final String FORMAT = "must be an ISO-8601 time such as 2026-01-31T07:00:00Z or a date such as"
            + " 2026-01-31";

    /** The named bound, or null when it is absent. */
    public static Instant bound(Context ctx, String name, ZoneId zone, boolean end) {
        String text = QueryParams.text(ctx, name);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == "2026-01-31".length()) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw QueryParams.invalid(name, FORMAT);
        }
    }

    /**
     * The period asked for: {@code to} defaults to {@code now}, {@code from} to {@code defaultLength} before
     * {@code to}; it must not be empty nor longer than {@code maxLength}.
     */
    public static Period of(Context ctx, ZoneId zone, Instant now, Duration defaultLength, Duration maxLength) {
        Instant to = bound(ctx, "to", zone, true);
        to = to == null ? now : to;
        Instant from = bound(ctx, "from", zone, false);
        from = from == null ? to.minus(defaultLength) : from;
        if (!from.isBefore(to)) {
            throw QueryParams.invalid("from", "must be before to");
        }
        if (Duration.between(from, to).compareTo(maxLength) > 0) {
            throw QueryParams.invalid("to", "must be at most " + maxLength.toDays() + " days after from");
        }
        return new Period(from, to);
    }
}
