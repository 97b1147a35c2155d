package vn.loa.controller.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.PasswordHasher;
import vn.loa.controller.auth.Role;
import vn.loa.controller.auth.User;
import vn.loa.controller.auth.UserRepository;
import vn.loa.controller.auth.UserService;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;

/**
 * Administrators manage the users inside their own area subtree: an administrator scoped to a commune sees and
 * edits only that commune's users and gives no scope wider than its own. A change of role, scope or password, or
 * disabling, ends the user's open sessions (they would otherwise keep the old rights until they expire). An
 * administrator cannot disable, demote or re-scope itself, so nobody locks themselves out by mistake.
 */
public final class UserAccounts {
    private final UserRepository users;
    private final UserService logins;
    private final AreaScopes scopes;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.USER_ITERATIONS);

    public UserAccounts(UserRepository users, UserService logins, AreaScopes scopes, AuditLog audit, Clock clock) {
        this.users = users;
        this.logins = logins;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new account, as {@code POST /api/users} takes it. */
    public record NewAccount(String username, String password, String role, Long areaId, String displayName) {
    }

    ListPage<AccountView> list(Caller caller, Paging page) {
        caller.require(Role.ADMIN);
        ListPage<User> found = users.list(scopes.scopePrefix(caller).orElse(""), page.limit(), page.offset());
        return new ListPage<>(found.items().stream().map(this::view).toList(), found.total());
    }

    AccountView get(Caller caller, String username) {
        caller.require(Role.ADMIN);
        return view(visible(caller, username));
    }

    AccountView create(Caller caller, NewAccount request) {
        caller.require(Role.ADMIN);
        String username = AccountRules.username(request.username());
        String password = AccountRules.password("password", request.password());
        Role role = AccountRules.role(request.role());
        String displayName = AccountRules.displayName(request.displayName());
        requireGrantable(caller, role, request.areaId());
        if (users.exists(username)) {
            throw ApiException.conflict("user name already taken", Map.of("username", username));
        }
        users.create(username, hasher.hash(password), role, request.areaId(), displayName);
        audit.record(caller.username(), "user.create", target(username), rights(role, request.areaId()));
        return view(users.find(username).orElseThrow());
    }

    AccountView update(Caller caller, String username, JsonNode body) {
        caller.require(Role.ADMIN);
        User current = visible(caller, username);
        AccountChange next = AccountChange.of(body, current);
        boolean rightsChange = next.changesRightsOf(current);
        if (rightsChange && caller.username().equals(username)) {
            throw ApiException.conflict("an administrator cannot disable, demote or re-scope itself", null);
        }
        if (next.role() != current.role() || !Objects.equals(next.areaId(), current.areaId())) {
            requireGrantable(caller, next.role(), next.areaId());
        }
        users.update(username, next.role(), next.areaId(), next.displayName(), next.disabled());
        if (rightsChange) {
            logins.closeSessions(username, null);
        }
        audit.record(caller.username(), "user.update", target(username),
                rights(next.role(), next.areaId()) + (next.disabled() ? " disabled" : ""));
        return view(users.find(username).orElseThrow());
    }

    /** An administrator sets a user's password; the user's sessions end (the administrator's own one stays). */
    void resetPassword(Caller caller, String callerToken, String username, String password) {
        caller.require(Role.ADMIN);
        visible(caller, username);
        users.setPasswordHash(username, hasher.hash(AccountRules.password("password", password)));
        logins.closeSessions(username, caller.username().equals(username) ? callerToken : null);
        audit.record(caller.username(), "user.password.reset", target(username), null);
    }

    /** Any signed-in user changes its own password; its other sessions end, this one stays. */
    void changeOwnPassword(Caller caller, String callerToken, String currentPassword, String newPassword) {
        String password = AccountRules.password("newPassword", newPassword);
        Optional<Instant> locked = logins.lockedUntil(caller.username());
        if (locked.isPresent()) {
            long seconds = Math.max(1, Duration.between(clock.instant(), locked.get()).toSeconds() + 1);
            throw new ApiException(429, "too many failed attempts; try again later", Map.of("retryAfterSeconds", seconds));
        }
        if (currentPassword == null || logins.verify(caller.username(), currentPassword).isEmpty()) {
            audit.record(caller.username(), "user.password.change.failed", target(caller.username()), null);
            throw new ApiException(403, "current password is wrong");
        }
        users.setPasswordHash(caller.username(), hasher.hash(password));
        logins.closeSessions(caller.username(), callerToken);
        audit.record(caller.username(), "user.password.change", target(caller.username()), null);
    }

    AccountView unlock(Caller caller, String username) {
        caller.require(Role.ADMIN);
        User user = visible(caller, username);
        logins.unlock(username);
        audit.record(caller.username(), "user.unlock", target(username), null);
        return view(user);
    }

    /** The user, if it lies inside the caller's scope; 404 otherwise, as for anything out of sight. */
    private User visible(Caller caller, String username) {
        return users.find(username)
                .filter(u -> caller.areaId() == null || (u.areaId() != null && scopes.covers(caller, u.areaId())))
                .orElseThrow(() -> ApiException.notFound("user"));
    }

    /** Refuses a role and scope the caller may not give. */
    private void requireGrantable(Caller caller, Role role, Long areaId) {
        if (!scopes.covers(caller, areaId)) {
            throw new ApiException(403, "an administrator scoped to an area gives only areas inside it",
                    Map.of("field", "areaId"));
        }
        if (areaId != null && scopes.pathOf(areaId).isEmpty()) {
            throw ApiException.badRequest("no such area", Map.of("field", "areaId", "areaId", areaId));
        }
        if (role == Role.SERVICE && (caller.areaId() != null || areaId != null)) {
            throw new ApiException(403, "a service account watches the whole installation: only an administrator"
                    + " of the whole installation creates one, without an area", Map.of("field", "role"));
        }
    }

    private AccountView view(User user) {
        return AccountView.of(user, logins.lockedUntil(user.username()).orElse(null));
    }

    private static String target(String username) {
        return "user:" + username;
    }

    private static String rights(Role role, Long areaId) {
        return "role=" + role.name().toLowerCase(Locale.ROOT) + " area=" + (areaId == null ? "all" : areaId);
    }
}
