package vn.loa.controller.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.TestServers;

/** Every registered /api route, whichever part registered it, refuses a request without a valid token. */
class ApiAuthenticationTest {
    @TempDir
    static Path dataDir;
    private static LoaServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir, Map.of("metrics.public", "false"), new MutableClock());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyProtectedRouteRefusesWithoutToken() {
        ApiClient anonymous = TestServers.anonymous(server);
        ApiClient forged = anonymous.withToken("forged-token");
        List<String> protectedEndpoints = server.http().endpoints().stream()
                .filter(e -> !BearerAuthentication.PUBLIC_API_PATHS.contains(e.substring(e.indexOf(' ') + 1)))
                .toList();
        assertThat(protectedEndpoints).contains("GET /api/me", "GET /api/areas", "POST /api/groups", "GET /metrics");

        for (String endpoint : protectedEndpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
            for (ApiClient client : List.of(anonymous, forged)) {
                Response r = client.send(method, path, "{}", "application/json");
                assertThat(r.status()).as(endpoint).isEqualTo(401);
                assertThat(r.json().get("error").asText()).as(endpoint).isEqualTo("authentication required");
            }
        }
    }

    @Test
    void publicRoutesAnswerWithoutToken() {
        ApiClient anonymous = TestServers.anonymous(server);
        assertThat(anonymous.get("/api/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/openapi.json").status()).isEqualTo(200);
        assertThat(anonymous.post("/api/login", Map.of("username", "x", "password", "y")).status()).isEqualTo(401);
    }

    @Test
    void nonPublicMetricsNeedAToken() {
        assertThat(TestServers.admin(server).get("/metrics").status()).isEqualTo(200);
    }
}
