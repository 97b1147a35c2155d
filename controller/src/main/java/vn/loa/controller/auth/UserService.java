package vn.loa.controller.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import vn.loa.controller.audit.AuditLog;

/**
 * Checks user names and passwords, with lockout after repeated failures, and opens API sessions. An unknown user
 * name costs the same password hash as a known one, so response times do not tell which names exist.
 */
public final class UserService implements UserCredentials {
    private final UserRepository users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final String decoyHash;

    public UserService(UserRepository users, SessionStore sessions, AuditLog audit, int maxFailures,
                       Duration lockout, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.throttle = new LoginThrottle(maxFailures, lockout, clock);
        this.decoyHash = new PasswordHasher(PasswordHasher.USER_ITERATIONS).hash(PasswordHasher.newSecret());
    }

    /** For the broker's service accounts: empty on a wrong password, an unknown or disabled user, or a lockout. */
    @Override
    public Optional<Caller> verify(String username, String password) {
        if (username == null || throttle.lockedFor(username).isPresent()) {
            return Optional.empty();
        }
        return check(username, password);
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
        Optional<Caller> caller = check(username, password).filter(c -> c.role() != Role.SERVICE);
        if (caller.isEmpty()) {
            audit.record(username, "login.failed", "user:" + username, null);
            return Optional.empty();
        }
        audit.record(username, "login", "user:" + username, null);
        return Optional.of(new Login(caller.get(), sessions.open(caller.get())));
    }

    public void logout(Caller caller, String token) {
        sessions.close(token);
        audit.record(caller.username(), "logout", "user:" + caller.username(), null);
    }

    /** The caller behind a bearer token, if its session is live. */
    public Optional<Caller> authenticate(String token) {
        return sessions.resolve(token);
    }

    private Optional<Caller> check(String username, String password) {
        Optional<User> user = users.find(username);
        boolean passwordOk = PasswordHasher.matches(password, user.map(User::passwordHash).orElse(decoyHash));
        Optional<Caller> caller = user.filter(u -> passwordOk && !u.disabled()).map(User::asCaller);
        if (caller.isPresent()) {
            throttle.recordSuccess(username);
        } else {
            throttle.recordFailure(username);
        }
        return caller;
    }

    /** A successful login: who, and the token that now stands for them. */
    public record Login(Caller caller, SessionStore.IssuedToken token) {
    }
}
