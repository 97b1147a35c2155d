package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.HttpServer;
import vn.loa.controller.http.Json;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;

/** The console's files, the WebJars and their headers, served by the real HTTP server on 127.0.0.1. */
class ConsoleAssetsTest {
    private static final String TILES = "https://{s}.tile.example.org/{z}/{x}/{y}.png";
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);
    private static final String VIEWER_TOKEN = "viewer-token";

    @TempDir
    static Path spool;
    private static HttpServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void start() {
        ConsoleSettings settings = new ConsoleSettings(Optional.of(TILES), "© Example tiles");
        server = new HttpServer("127.0.0.1", 0, true,
                token -> token.equals(VIEWER_TOKEN) ? Optional.of(new Caller("lan", Role.VIEWER, null)) : Optional.empty(),
                Json.newMapper(), new SimpleMeterRegistry(), spool, List.of(new ConsoleRoutes(settings))).start();
        anonymous = new ApiClient(server.port(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theRootIsTheConsolePageWithoutSigningIn() {
        Response r = anonymous.get("/");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body()).contains("<loa-app>").contains("<script type=\"importmap\">");
    }

    @Test
    void theContentSecurityPolicyAllowsExactlyTheImportMapAsInlineScript() throws Exception {
        Response r = anonymous.get("/");
        Matcher importMap = IMPORT_MAP.matcher(r.body());
        assertThat(importMap.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));

        String csp = r.header("Content-Security-Policy");

        assertThat(csp).contains("script-src 'self' 'sha256-" + hash + "';")
                .contains("frame-ancestors 'none'").contains("object-src 'none'").contains("style-src 'self';")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(csp).as("tiles come from the configured provider only")
                .contains("img-src 'self' data: https://*.tile.example.org;");
    }

    @Test
    void indexHasNoOtherInlineScriptAndNoInlineEventHandlers() {
        String body = anonymous.get("/").body();

        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*type=\"importmap\")").matcher(body).find())
                .as("inline scripts besides the import map").isFalse();
        assertThat(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(body).find())
                .as("inline event handlers").isFalse();
    }

    @Test
    void everyConsoleFileCarriesTheSecurityHeadersAndIsRevalidated() {
        for (String path : List.of("/", "/index.html", "/js/app.js", "/css/console.css", "/img/loa.svg")) {
            Response r = anonymous.get(path);

            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).as(path).isNotBlank();
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
            assertThat(r.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
        assertThat(anonymous.get("/js/app.js").header("Content-Type")).contains("javascript");
        assertThat(anonymous.get("/css/console.css").header("Content-Type")).startsWith("text/css");
    }

    @Test
    void everyImportMapTargetAndLibraryScriptIsServedFromTheWebJars() {
        Matcher importMap = IMPORT_MAP.matcher(anonymous.get("/").body());
        assertThat(importMap.find()).isTrue();
        JsonNode imports = Json.newMapper().valueToTree(parse(importMap.group(1))).get("imports");
        List<String> urls = new ArrayList<>();
        imports.fields().forEachRemaining(e -> urls.add(e.getValue().asText()
                + (e.getKey().endsWith("/") ? "package.json" : "")));
        urls.addAll(List.of("/webjars/chart.js/4.5.1/dist/chart.umd.js", "/webjars/leaflet/1.9.4/dist/leaflet.js",
                "/webjars/leaflet/1.9.4/dist/leaflet.css", "/webjars/lit-element/4.2.2/lit-element.js",
                "/webjars/lit-html/3.3.2/is-server.js"));

        assertThat(urls).hasSizeGreaterThan(8);
        for (String url : urls) {
            Response r = anonymous.get(url);
            assertThat(r.status()).as(url).isEqualTo(200);
            assertThat(r.header("X-Content-Type-Options")).as(url).isEqualTo("nosniff");
            assertThat(r.header("Cache-Control")).as(url).contains("max-age=");
        }
        assertThat(anonymous.get("/webjars/lit/3.3.2/index.js").header("Content-Type")).contains("javascript");
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertThat(anonymous.get("/no-such-page.html").status()).isEqualTo(404);
        assertThat(anonymous.get("/js/pages/no-such-page.js").status()).isEqualTo(404);
        assertThat(anonymous.get("/webjars/lit/9.9.9/index.js").status()).isEqualTo(404);
        Response api = anonymous.get("/api/no-such-endpoint");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().get("error").asText()).isNotBlank();
    }

    @Test
    void theSettingsTellSignedInUsersWhereTheMapTilesComeFrom() {
        assertThat(anonymous.get("/api/console/settings").status()).isEqualTo(401);

        Response r = new ApiClient(server.port(), VIEWER_TOKEN).get("/api/console/settings");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("mapTilesUrl").asText()).isEqualTo(TILES);
        assertThat(r.json().get("mapAttribution").asText()).isEqualTo("© Example tiles");
    }

    private static Object parse(String json) {
        try {
            return Json.newMapper().readValue(json, Object.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("the import map is not JSON: " + json, e);
        }
    }
}
