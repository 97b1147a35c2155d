package vn.loa.controller.auth;

import io.javalin.http.Context;
import java.util.Optional;
import vn.loa.controller.http.ApiException;

/**
 * The authenticated user making an API request, put on the request by the server's authentication filter.
 *
 * @param areaId the root of the subtree the user may see and act on; null for the whole installation
 */
public record Caller(String username, Role role, Long areaId) {
    /** The server itself, acting on its own (a fresh play after a lost stream, a window closing); audited so. */
    public static final Caller SERVER = new Caller("(server)", Role.ADMIN, null);
    private static final String ATTRIBUTE = "loa.caller";

    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new ApiException(401, "authentication required");
        }
        return caller;
    }

    /** The caller, if the request was authenticated (in handlers that also see refused requests). */
    public static Optional<Caller> on(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    public void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** Refuses the request with 403 unless the caller's role is at least {@code needed}. */
    public void require(Role needed) {
        if (!role.atLeast(needed)) {
            throw new ApiException(403, "role " + needed.name().toLowerCase() + " or higher required");
        }
    }
}
