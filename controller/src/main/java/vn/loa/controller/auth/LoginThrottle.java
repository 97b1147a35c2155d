package vn.loa.controller.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks a user name out after {@code maxFailures} failed logins within the lockout window, until the window has
 * passed since the last failure. Kept in memory: a restart forgets it, which only helps someone who can restart
 * the server anyway.
 */
final class LoginThrottle {
    /** User names tracked at once; beyond this, names with no recent failure are forgotten first. */
    static final int MAX_TRACKED_NAMES = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long the name stays locked out, or empty if it may try now. */
    Optional<Duration> lockedFor(String username) {
        Deque<Instant> recent = failures.get(key(username));
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            Instant now = clock.instant();
            forgetOld(recent, now);
            if (recent.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, recent.peekLast().plus(window)));
        }
    }

    void recordFailure(String username) {
        if (failures.size() >= MAX_TRACKED_NAMES) {
            forgetIdleNames();
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (recent) {
            Instant now = clock.instant();
            forgetOld(recent, now);
            recent.addLast(now);
            while (recent.size() > maxFailures) {
                recent.removeFirst();
            }
        }
    }

    /** When the name may try again, or empty if it may try now. */
    Optional<Instant> lockedUntil(String username) {
        return lockedFor(username).map(clock.instant()::plus);
    }

    /** Forgets the name's failures: after a successful login, or an administrator lifting a lockout. */
    void forget(String username) {
        failures.remove(key(username));
    }

    private void forgetOld(Deque<Instant> recent, Instant now) {
        Instant horizon = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
    }

    private void forgetIdleNames() {
        Instant now = clock.instant();
        failures.values().forEach(recent -> {
            synchronized (recent) {
                forgetOld(recent, now);
            }
        });
        failures.values().removeIf(Deque::isEmpty);
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
