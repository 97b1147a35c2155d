package vn.loa.controller.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.TestServers;

class HealthAndMetricsTest {
    @TempDir
    static Path dataDir;
    private static LoaServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthReportsVersionUptimeAndDatabase() {
        Response r = TestServers.anonymous(server).get("/api/health");
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("database").asText()).isEqualTo("ok");
        assertThat(body.get("version").asText()).isNotBlank();
        assertThat(body.get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void metricsArePublicPrometheusTextWithJvmProcessAndRequestMeters() {
        server.registry().counter("loa.test.marker").increment();
        TestServers.anonymous(server).get("/api/health");
        Response r = TestServers.anonymous(server).get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.body()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds",
                "jvm_gc_", "loa_test_marker_total 1.0",
                "loa_http_requests_seconds_count{method=\"GET\",route=\"/api/health\",status=\"200\"}");
    }
}
