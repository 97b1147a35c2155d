package vn.loa.controller.http;

/**
 * A request the API refuses, rendered as {@code {"error": message, "detail": detail}} with the given status.
 * Anything else thrown by a handler becomes a 500 with a generic message; the stack trace goes to the log only.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final transient Object detail;

    public ApiException(int status, String message, Object detail) {
        super(message);
        this.status = status;
        this.detail = detail;
    }

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public static ApiException badRequest(String message, Object detail) {
        return new ApiException(400, message, detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }

    public static ApiException conflict(String message, Object detail) {
        return new ApiException(409, message, detail);
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }
}
