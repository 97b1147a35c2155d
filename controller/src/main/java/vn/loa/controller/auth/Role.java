package vn.loa.controller.auth;

/** User roles, from least to most rights; each includes the rights of those before it. */
public enum Role {
    /** MQTT monitoring account: may watch loa/v1/# on the broker, has no API rights. */
    SERVICE,
    VIEWER,
    OPERATOR,
    EDITOR,
    APPROVER,
    ADMIN;

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }
}
