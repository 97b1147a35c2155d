package vn.loa.controller.device;

import io.javalin.http.Context;

/** The {@code limit} and {@code offset} of a list request. */
public record PageRequest(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static PageRequest of(Context ctx) {
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = QueryParams.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        return new PageRequest(limit, offset);
    }
}
