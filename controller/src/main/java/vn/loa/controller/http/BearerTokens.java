package vn.loa.controller.http;

import java.util.Optional;

/** Reads the token of an {@code Authorization: Bearer ...} header. */
public final class BearerTokens {
    private static final String BEARER = "Bearer ";

    private BearerTokens() {
    }

    /** The token, or empty when the header is absent or not a bearer token. */
    public static Optional<String> fromHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }
}
