package vn.loa.controller.auth;

/** A stored user account. */
public record User(long id, String username, String passwordHash, Role role, Long areaId, boolean disabled) {
    public Caller asCaller() {
        return new Caller(username, role, areaId);
    }
}
