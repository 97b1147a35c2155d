package vn.loa.controller.auth;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.Routes;

/** Login, logout and "who am I". */
public final class AuthRoutes implements Routes {
    /** Longest user name or password looked at; longer ones cannot be valid and would only cost hashing time. */
    public static final int MAX_CREDENTIAL_LENGTH = 256;

    private final UserService users;

    public AuthRoutes(UserService users) {
        this.users = users;
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout);
        app.get("/api/me", ctx -> ctx.json(UserView.of(Caller.of(ctx))));
    }

    private void login(Context ctx) {
        LoginRequest request = ctx.bodyAsClass(LoginRequest.class);
        request.validate();
        UserService.Login login;
        try {
            login = users.login(request.username(), request.password())
                    .orElseThrow(() -> new ApiException(401, "invalid user name or password"));
        } catch (LockedOutException e) {
            long seconds = Math.max(1, e.retryAfter().toSeconds() + 1);
            ctx.header(Header.RETRY_AFTER, Long.toString(seconds));
            throw new ApiException(429, e.getMessage(), Map.of("retryAfterSeconds", seconds));
        }
        ctx.json(new LoginResponse(login.token().token(), login.token().expiresAt(), UserView.of(login.caller())));
    }

    private void logout(Context ctx) {
        String header = ctx.header(Header.AUTHORIZATION);
        users.logout(Caller.of(ctx), header.substring(header.indexOf(' ') + 1).trim());
        ctx.status(204);
    }

    record LoginRequest(String username, String password) {
        void validate() {
            if (username == null || username.isBlank() || password == null) {
                throw ApiException.badRequest("username and password are required", null);
            }
            if (username.length() > MAX_CREDENTIAL_LENGTH || password.length() > MAX_CREDENTIAL_LENGTH) {
                throw ApiException.badRequest("username or password too long",
                        Map.of("maxLength", MAX_CREDENTIAL_LENGTH));
            }
        }
    }

    record LoginResponse(String token, Instant expiresAt, UserView user) {
    }

    /** A user as the API shows it. */
    public record UserView(String username, String role, Long areaId) {
        static UserView of(Caller caller) {
            return new UserView(caller.username(), caller.role().name().toLowerCase(Locale.ROOT), caller.areaId());
        }
    }
}
