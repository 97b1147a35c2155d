package vn.loa.controller.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the API's error JSON with the right status. Only an unexpected exception is logged
 * with its stack trace; the client then sees a bare 500 so nothing about the server leaks.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    /** SQLSTATE of a unique constraint violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private ErrorMapping() {
    }

    static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage(), e.detail()));
        app.exception(JsonProcessingException.class, (e, ctx) -> {
            ApiException refused = ApiJsonMapper.invalidBody(e);
            respond(ctx, refused.status(), refused.getMessage(), refused.detail());
        });
        app.exception(ValidationException.class, (e, ctx) -> respond(ctx, 400, "invalid request", e.getErrors()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> entry.getValue().stream().map(error -> error.getMessage()).toList()))));
        // Javalin's own refusals (no such route, wrong method, body too large while reading): the status's name
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(),
                HttpStatus.forStatus(e.getStatus()).getMessage().toLowerCase(Locale.ROOT), ctx.method() + " " + ctx.path()));
        app.exception(JdbiException.class, (e, ctx) -> {
            if (isUniqueViolation(e)) {
                // two requests raced past the same "does it exist?" check; the database kept one
                respond(ctx, 409, "conflicts with existing data", null);
            } else {
                internalError(e, ctx);
            }
        });
        app.exception(Exception.class, ErrorMapping::internalError);
    }

    private static void internalError(Exception e, Context ctx) {
        LOG.error("Internal error on {} {}", ctx.method(), ctx.path(), e);
        respond(ctx, 500, "internal error", null);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static void respond(Context ctx, int status, String error, Object detail) {
        ctx.status(status).json(new ErrorBody(error, detail));
    }
}
