package vn.loa.controller.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiCredentials;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.Routes;

/** {@code /api/users} (administrators, inside their scope) and {@code PUT /api/me/password} (everyone). */
public final class UserRoutes implements Routes {
    private final UserAccounts accounts;

    public UserRoutes(UserAccounts accounts) {
        this.accounts = accounts;
    }

    record PasswordReset(String password) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/users", ctx -> ctx.json(accounts.list(Caller.of(ctx), Paging.of(ctx))));
        app.post("/api/users", ctx -> ctx.status(201)
                .json(accounts.create(Caller.of(ctx), ctx.bodyAsClass(UserAccounts.NewAccount.class))));
        app.get("/api/users/{username}", ctx -> ctx.json(accounts.get(Caller.of(ctx), username(ctx))));
        app.patch("/api/users/{username}", ctx -> ctx.json(accounts.update(Caller.of(ctx), username(ctx),
                ctx.bodyAsClass(JsonNode.class))));
        app.post("/api/users/{username}/password", ctx -> {
            accounts.resetPassword(Caller.of(ctx), ApiCredentials.on(ctx).token(), username(ctx),
                    ctx.bodyAsClass(PasswordReset.class).password());
            ctx.status(204);
        });
        app.post("/api/users/{username}/unlock", ctx -> ctx.json(accounts.unlock(Caller.of(ctx), username(ctx))));
        app.put("/api/me/password", ctx -> {
            PasswordChange change = ctx.bodyAsClass(PasswordChange.class);
            accounts.changeOwnPassword(Caller.of(ctx), ApiCredentials.on(ctx).token(), change.currentPassword(),
                    change.newPassword());
            ctx.status(204);
        });
    }

    private static String username(Context ctx) {
        return ctx.pathParam("username");
    }
}
