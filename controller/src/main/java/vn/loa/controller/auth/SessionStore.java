package vn.loa.controller.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API login sessions: random 256-bit bearer tokens, kept in memory only by their SHA-256 (a heap dump does not
 * hand out live tokens). Expiry slides: every use extends a session by the full time-to-live.
 */
public final class SessionStore {
    /** Random bytes in a token. */
    public static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public SessionStore(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new session and its token; the token is never stored. */
    public IssuedToken open(Caller caller) {
        purgeExpired();
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(ttl);
        sessions.put(digest(token), new Session(caller, expiresAt));
        return new IssuedToken(token, expiresAt);
    }

    /** The caller a live token belongs to, extending its session; empty for unknown or expired tokens. */
    public Optional<Caller> resolve(String token) {
        String key = digest(token);
        Instant now = clock.instant();
        Session session = sessions.computeIfPresent(key,
                (k, s) -> s.expiresAt().isAfter(now) ? new Session(s.caller(), now.plus(ttl)) : null);
        return Optional.ofNullable(session).map(Session::caller);
    }

    public void close(String token) {
        sessions.remove(digest(token));
    }

    /** Drops expired sessions (done at every login) so abandoned tokens do not pile up. */
    public void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
    }

    public int size() {
        return sessions.size();
    }

    private static String digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Session(Caller caller, Instant expiresAt) {
    }

    /** A token as handed to the client at login. */
    public record IssuedToken(String token, Instant expiresAt) {
    }
}
