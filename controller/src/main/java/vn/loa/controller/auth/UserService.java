package vn.loa.controller.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.TokenAuthenticator;

/**
 * Checks user names and passwords, with lockout after repeated failures, and opens API sessions. An unknown user
 * name costs the same password hash as a known one, so response times do not tell which names exist.
 */
public final class UserService implements UserCredentials, TokenAuthenticator {
    private final UserRepository users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final String decoyHash;
    private final Clock clock;

    public UserService(UserRepository users, SessionStore sessions, AuditLog audit, int maxFailures,
                       Duration lockout, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.throttle = new LoginThrottle(maxFailures, lockout, clock);
        this.clock = clock;
        this.decoyHash = new PasswordHasher(PasswordHasher.USER_ITERATIONS).hash(PasswordHasher.newSecret());
    }

    /** For the broker's service accounts: empty on a wrong password, an unknown or disabled user, or a lockout. */
    @Override
    public Optional<Caller> verify(String username, String password) {
        if (username == null || throttle.lockedFor(username).isPresent()) {
            return Optional.empty();
        }
        return check(username, password).map(User::asCaller);
    }

    /**
     * An API login: a new session for valid credentials, empty otherwise (audited either way).
     *
     * @throws LockedOutException while the user name is locked out
     */
    public Optional<Login> login(String username, String password) {
        Optional<Duration> locked = throttle.lockedFor(username);
        if (locked.isPresent()) {
            audit.record(username, "login.locked", "user:" + username, null);
            throw new LockedOutException(locked.get());
        }
        Optional<User> user = check(username, password).filter(u -> u.role() != Role.SERVICE);
        if (user.isEmpty()) {
            audit.record(username, "login.failed", "user:" + username, null);
            return Optional.empty();
        }
        users.recordLogin(username, clock.instant());
        audit.record(username, "login", "user:" + username, null);
        return Optional.of(new Login(user.get(), sessions.open(user.get().asCaller())));
    }

    public void logout(Caller caller, String token) {
        sessions.close(token);
        audit.record(caller.username(), "logout", "user:" + caller.username(), null);
    }

    /** The caller behind a session token, if its session is live. */
    @Override
    public Optional<Caller> authenticate(String token) {
        return sessions.resolve(token);
    }

    @Override
    public boolean isLive(String token) {
        return sessions.isLive(token);
    }

    @Override
    public boolean csrfMatches(String token, String csrfToken) {
        return sessions.csrfMatches(token, csrfToken);
    }

    /** The CSRF token of a live session. */
    public Optional<String> csrfToken(String token) {
        return sessions.csrfToken(token);
    }

    /** The longest a session lives, however busy (how long the console's cookie is kept). */
    public Duration sessionMaxAge() {
        return sessions.maxAge();
    }

    /** Until when the user name is locked out after failed logins, if it is. */
    public Optional<Instant> lockedUntil(String username) {
        return throttle.lockedUntil(username);
    }

    /** Lifts a lockout: the user name may try again at once. */
    public void unlock(String username) {
        throttle.forget(username);
    }

    /**
     * Ends every session of the user (its rights or password changed), except the one behind {@code keepToken}
     * when not null.
     */
    public void closeSessions(String username, String keepToken) {
        sessions.closeAllOf(username, keepToken);
    }

    /** The signed-in user's account as stored now. */
    public User profile(Caller caller) {
        return users.find(caller.username()).orElseThrow(() -> new ApiException(401, "authentication required"));
    }

    private Optional<User> check(String username, String password) {
        Optional<User> found = users.find(username);
        boolean passwordOk = PasswordHasher.matches(password, found.map(User::passwordHash).orElse(decoyHash));
        Optional<User> user = found.filter(u -> passwordOk && !u.disabled());
        if (user.isPresent()) {
            throttle.forget(username);
        } else {
            throttle.recordFailure(username);
        }
        return user;
    }

    /** A successful login: who, and the token that now stands for them. */
    public record Login(User user, SessionStore.IssuedToken token) {
    }
}
