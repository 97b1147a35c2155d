package vn.loa.controller.auth;

import java.time.Instant;

/**
 * A stored user account.
 *
 * @param areaName the name of the user's area (joined in for display); null with {@code areaId}
 */
public record User(long id, String username, String passwordHash, Role role, Long areaId, String areaName,
                   String displayName, boolean disabled, Instant lastLoginAt, Instant createdAt) {
    public Caller asCaller() {
        return new Caller(username, role, areaId);
    }
}
