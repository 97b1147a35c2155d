package vn.loa.controller.device;

import io.javalin.http.Context;
import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import vn.loa.controller.http.ApiException;

/** Query parameters read with a 400 naming the parameter when they are malformed. */
public final class QueryParams {
    private QueryParams() {
    }

    public static int integer(Context ctx, String name, int fallback, int min, int max) {
        Long value = number(ctx, name);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw invalid(name, "must be within " + min + ".." + max);
        }
        return value.intValue();
    }

    public static Long id(Context ctx, String name) {
        Long value = number(ctx, name);
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

    private static Long number(Context ctx, String name) {
        String text = text(ctx, name);
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "must be an integer");
        }
    }

    private static ApiException invalid(String name, String rule) {
        return ApiException.badRequest("invalid query parameter", name + " " + rule);
    }
}
