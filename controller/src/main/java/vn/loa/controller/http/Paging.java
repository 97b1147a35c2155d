package vn.loa.controller.http;

import io.javalin.http.Context;
import java.util.Map;

/** The {@code limit} and {@code offset} of a list request. */
public record Paging(int limit, long offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Reads {@code limit} (1..MAX_LIMIT, default DEFAULT_LIMIT) and {@code offset} (0 or more, default 0). */
    public static Paging of(Context ctx) {
        int limit = (int) number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = number(ctx, "offset", 0, 0, Long.MAX_VALUE);
        return new Paging(limit, offset);
    }

    private static long number(Context ctx, String name, long fallback, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw ApiException.badRequest("invalid query parameter " + name,
                Map.of("value", raw, "allowed", min + ".." + max));
    }
}
