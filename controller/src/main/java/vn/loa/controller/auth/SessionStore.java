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
 * API login sessions: random 256-bit tokens (sent as a bearer token or in the console's cookie), kept in memory
 * only by their SHA-256 (a heap dump does not hand out live tokens). Expiry slides: every use extends a session by
 * the full time-to-live, but never past its absolute cap counted from the login. Each session also has its own
 * random CSRF token, which a cookie-authenticated request that changes something must echo.
 */
public final class SessionStore {
    /** Random bytes in a token, and in a CSRF token. */
    public static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration ttl;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * @param ttl    how long a session lives after its last use
     * @param maxAge how long a session lives at most after the login, however busy
     */
    public SessionStore(Duration ttl, Duration maxAge, Clock clock) {
        this.ttl = ttl;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A new session and its token; the token is never stored. */
    public IssuedToken open(Caller caller) {
        purgeExpired();
        String token = randomToken();
        String csrfToken = randomToken();
        Instant now = clock.instant();
        Session session = new Session(caller, csrfToken, now.plus(maxAge), now).usedAt(now, ttl);
        sessions.put(digest(token), session);
        return new IssuedToken(token, session.expiresAt(), csrfToken);
    }

    /** The caller a live token belongs to, extending its session; empty for unknown or expired tokens. */
    public Optional<Caller> resolve(String token) {
        Instant now = clock.instant();
        Session session = sessions.computeIfPresent(digest(token),
                (k, s) -> s.expiresAt().isAfter(now) ? s.usedAt(now, ttl) : null);
        return Optional.ofNullable(session).map(Session::caller);
    }

    /** The CSRF token of a live session (without extending it). */
    public Optional<String> csrfToken(String token) {
        return live(token).map(Session::csrfToken);
    }

    /** Whether the token's session is live now, without extending it. */
    public boolean isLive(String token) {
        return live(token).isPresent();
    }

    private Optional<Session> live(String token) {
        Instant now = clock.instant();
        return Optional.ofNullable(sessions.get(digest(token))).filter(s -> s.expiresAt().isAfter(now));
    }

    /** Whether {@code candidate} is the CSRF token of the live session behind {@code token}, compared in constant time. */
    public boolean csrfMatches(String token, String candidate) {
        return candidate != null && csrfToken(token).map(expected -> MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8))).orElse(false);
    }

    public void close(String token) {
        sessions.remove(digest(token));
    }

    /**
     * Closes every session of the user (its rights or password changed), except the one behind {@code keepToken}
     * when that is not null (the user changing its own password stays signed in there).
     */
    public void closeAllOf(String username, String keepToken) {
        String kept = keepToken == null ? null : digest(keepToken);
        sessions.entrySet().removeIf(e -> e.getValue().caller().username().equals(username) && !e.getKey().equals(kept));
    }

    /** Drops expired sessions (done at every login) so abandoned tokens do not pile up. */
    public void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
    }

    public Duration maxAge() {
        return maxAge;
    }

    public int size() {
        return sessions.size();
    }

    private static String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A live session: who, its CSRF token, the absolute end of it and when it expires if left unused. */
    private record Session(Caller caller, String csrfToken, Instant endsAt, Instant expiresAt) {
        Session usedAt(Instant now, Duration ttl) {
            Instant slid = now.plus(ttl);
            return new Session(caller, csrfToken, endsAt, slid.isBefore(endsAt) ? slid : endsAt);
        }
    }

    /** A token as handed to the client at login, with the session's CSRF token. */
    public record IssuedToken(String token, Instant expiresAt, String csrfToken) {
    }
}
