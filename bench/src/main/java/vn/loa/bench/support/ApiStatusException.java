package vn.loa.bench.support;

import java.io.IOException;

/** The Loa API answered with an error status. */
public final class ApiStatusException extends IOException {
    /** The server's "busy, try again" answer. */
    public static final int SERVICE_UNAVAILABLE = 503;

    private final int status;

    public ApiStatusException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
