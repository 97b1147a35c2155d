package vn.loa.controller.user;

import java.time.Instant;
import java.util.Locale;
import vn.loa.controller.auth.User;

/**
 * A user account as the users API shows it (never its password hash).
 *
 * @param lockedUntil until when logins are refused after repeated failures; null when not locked out
 */
record AccountView(String username, String displayName, String role, Long areaId, String areaName,
                   boolean disabled, Instant lockedUntil, Instant lastLoginAt, Instant createdAt) {
    static AccountView of(User user, Instant lockedUntil) {
        return new AccountView(user.username(), user.displayName(), user.role().name().toLowerCase(Locale.ROOT),
                user.areaId(), user.areaName(), user.disabled(), lockedUntil, user.lastLoginAt(), user.createdAt());
    }
}
