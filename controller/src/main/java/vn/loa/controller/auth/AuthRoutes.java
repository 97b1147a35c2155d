package vn.loa.controller.auth;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import vn.loa.controller.http.ApiCredentials;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.Routes;
import vn.loa.controller.http.SessionCookie;

/**
 * Login, logout and "who am I". A login answers with the token (for API clients, as a bearer token) and also sets
 * it as the console's {@link SessionCookie}, with the session's CSRF token in the body for the console to echo.
 */
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
        app.get("/api/me", this::me);
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
        SessionCookie.set(ctx, login.token().token(), users.sessionMaxAge());
        ctx.json(new LoginResponse(login.token().token(), login.token().expiresAt(), login.token().csrfToken(),
                UserView.of(login.user())));
    }

    private void logout(Context ctx) {
        users.logout(Caller.of(ctx), ApiCredentials.on(ctx).token());
        SessionCookie.clear(ctx);
        ctx.status(204);
    }

    private void me(Context ctx) {
        String csrfToken = users.csrfToken(ApiCredentials.on(ctx).token()).orElse(null);
        ctx.json(new Me(UserView.of(users.profile(Caller.of(ctx))), csrfToken));
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

    record LoginResponse(String token, Instant expiresAt, String csrfToken, UserView user) {
    }

    /** {@code GET /api/me}: the signed-in user, and the CSRF token the console sends with every change. */
    record Me(@JsonUnwrapped UserView user, String csrfToken) {
    }

    /** The signed-in user as the console shows it. */
    public record UserView(String username, String role, Long areaId, String areaName, String displayName) {
        static UserView of(User user) {
            return new UserView(user.username(), user.role().name().toLowerCase(Locale.ROOT), user.areaId(),
                    user.areaName(), user.displayName());
        }
    }
}
