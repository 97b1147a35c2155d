package vn.loa.controller.console;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.Routes;

/**
 * The web console: its files at the root of the site ({@code /} is index.html), the front-end libraries from the
 * WebJars under {@code /webjars/}, and {@code GET /api/console/settings}, what the pages need from the configuration.
 */
public final class ConsoleRoutes implements Routes {
    /** WebJar paths carry the library's version, so a browser may keep them for a year. */
    static final String WEBJAR_CACHE = "public, max-age=31536000, immutable";

    private final ConsoleSettings settings;

    public ConsoleRoutes(ConsoleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(JavalinConfig config) {
        Map<String, String> headers = ConsolePolicy.headers(settings);
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = ConsolePolicy.DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = headers;
        });
        config.staticFiles.add(files -> {
            files.hostedPath = "/webjars";
            files.directory = "META-INF/resources/webjars";
            files.location = Location.CLASSPATH;
            files.headers = Map.of(Header.CACHE_CONTROL, WEBJAR_CACHE, Header.X_CONTENT_TYPE_OPTIONS, "nosniff");
        });
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/console/settings", ctx -> {
            Caller.of(ctx).require(Role.VIEWER);
            ctx.json(new SettingsView(settings.mapTilesUrl().orElse(null), settings.mapAttribution()));
        });
    }

    record SettingsView(String mapTilesUrl, String mapAttribution) {
    }
}
