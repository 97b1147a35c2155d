package vn.loa.controller.auth;

import java.time.Duration;

/** Login refused without checking the password: too many recent failures for this user name. */
public class LockedOutException extends RuntimeException {
    private final transient Duration retryAfter;

    public LockedOutException(Duration retryAfter) {
        super("too many failed logins; try again later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
