package vn.loa.controller.http;

import io.javalin.http.Context;

/** The {@code limit} and {@code offset} of a list request. */
public record Paging(int limit, long offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Reads {@code limit} (1..MAX_LIMIT, default DEFAULT_LIMIT) and {@code offset} (0 or more, default 0). */
    public static Paging of(Context ctx) {
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = QueryParams.number(ctx, "offset", 0, 0, Long.MAX_VALUE);
        return new Paging(limit, offset);
    }
}
