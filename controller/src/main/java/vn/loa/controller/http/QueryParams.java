package vn.loa.controller.http;

import io.javalin.http.Context;
import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters read with a 400 naming the parameter when they are malformed. */
public final class QueryParams {
    private QueryParams() {
    }

    public static int integer(Context ctx, String name, int fallback, int min, int max) {
        return (int) number(ctx, name, fallback, min, max);
    }

    /** The whole number within {@code min..max}, or {@code fallback} when absent or blank. */
    public static long number(Context ctx, String name, long fallback, long min, long max) {
        String text = text(ctx, name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the range a good value would be in
        }
        throw invalid(name, "must be an integer within " + min + ".." + max);
    }

    public static Long id(Context ctx, String name) {
        Long value = whole(ctx, name);
        if (value != null && value < 1) {
            throw invalid(name, "must be a positive id");
        }
        return value;
    }

    public static Boolean bool(Context ctx, String name) {
        String text = text(ctx, name);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "must be true or false");
        };
    }

    public static Instant instant(Context ctx, String name) {
        String text = text(ctx, name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 UTC time such as 2026-01-31T07:00:00Z");
        }
    }

    /** The trimmed value in Unicode NFC (as names are stored), or null when absent or blank. */
    public static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
    }

    private static Long whole(Context ctx, String name) {
        String text = text(ctx, name);
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "must be an integer");
        }
    }

    /** The refusal of a malformed parameter; callers with rules of their own refuse in the same words. */
    public static ApiException invalid(String name, String rule) {
        return ApiException.badRequest("invalid query parameter", name + " " + rule);
    }
}
