package vn.loa.controller.command;

import io.javalin.http.Context;
import vn.loa.controller.http.ApiException;

/** The {@code limit} and {@code offset} query parameters every list takes. */
public record PageRequest(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static PageRequest of(Context ctx) {
        int limit = parse(ctx.queryParam("limit"), "limit", DEFAULT_LIMIT);
        int offset = parse(ctx.queryParam("offset"), "offset", 0);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be within 1.." + MAX_LIMIT, null);
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative", null);
        }
        return new PageRequest(limit, offset);
    }

    private static int parse(String text, String name, int fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer", null);
        }
    }
}
