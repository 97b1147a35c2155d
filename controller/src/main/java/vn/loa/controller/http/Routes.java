package vn.loa.controller.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.Map;

/** One feature's HTTP endpoints. Authentication is enforced for every /api path by the server, not here. */
public interface Routes {
    void register(Javalin app);

    /** Server-wide settings this feature needs before the server is created (static files); none by default. */
    default void configure(JavalinConfig config) {
    }

    /**
     * Endpoints whose bodies may be larger than {@link HttpServer#MAX_BODY_BYTES} (uploads), as
     * {@code "METHOD /path/{param}"} to the most bytes they accept. Such an endpoint reads its body as a stream.
     */
    default Map<String, Long> bodyLimits() {
        return Map.of();
    }
}
