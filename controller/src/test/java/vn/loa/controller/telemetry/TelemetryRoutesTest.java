package vn.loa.controller.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.device.DeviceStatus;
import vn.loa.controller.device.DeviceTestKit;
import vn.loa.controller.testing.RouteServer.Response;
import vn.loa.protocol.message.Telemetry;

class TelemetryRoutesTest {
    @TempDir
    Path dir;
    private DeviceTestKit kit;
    private long communeA;
    private long communeB;
    private String id;

    @BeforeEach
    void setUp() {
        kit = new DeviceTestKit(dir).withHttp();
        communeA = kit.area(null, "XA-A", "Xã Sa Pả");
        communeB = kit.area(null, "XA-B", "Xã Bát Xát");
        id = kit.device("TEL-1", communeA, DeviceStatus.active);
        Instant now = DeviceTestKit.START;
        for (int minutes = 0; minutes < 36 * 60; minutes += 30) {
            kit.telemetry.record(id, new Telemetry(1, minutes % 100, false, true, null, -75, 30.0, 60L, null),
                    now.minus(Duration.ofMinutes(minutes)));
        }
        kit.telemetry.flush();
        kit.clock.set(now.plusSeconds(1));
        new TelemetryRollup(kit.jdbi, kit.clock, 7, 30).run();
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void servesTheLastDayOfRawReportsOldestFirstByDefault() {
        JsonNode body = kit.get("viewer", "/api/devices/" + id + "/telemetry").body();

        assertThat(body.get("resolution").asText()).isEqualTo("raw");
        assertThat(body.get("truncated").asBoolean()).isFalse();
        List<String> times = times(body, "ts");
        assertThat(times).hasSize(48).isSorted();
        assertThat(times.get(times.size() - 1)).isEqualTo(DeviceTestKit.START.toString());
        assertThat(body.get("items").get(0).get("signalDbm").asInt()).isEqualTo(-75);
        assertThat(body.get("items").get(0).get("uptimeSeconds").asLong()).isEqualTo(60);
    }

    @Test
    void servesHourlyAggregatesForAGivenRange() {
        JsonNode body = kit.get("viewer", "/api/devices/" + id + "/telemetry?resolution=hourly"
                + "&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z").body();

        assertThat(times(body, "ts")).hasSize(24).first().isEqualTo("2026-03-01T00:00:00Z");
        assertThat(body.get("items").get(0).get("samples").asInt()).isEqualTo(2);
        assertThat(body.get("items").get(0).get("signalDbm").asDouble()).isEqualTo(-75.0);
        assertThat(body.get("items").get(0).get("signalMin").asInt()).isEqualTo(-75);
        assertThat(body.get("items").get(0).get("temperatureMax").asDouble()).isEqualTo(30.0);
    }

    @Test
    void saysWhenTheAnswerWasCutAtTheLimit() {
        JsonNode body = kit.get("viewer", "/api/devices/" + id + "/telemetry?limit=5").body();

        assertThat(times(body, "ts")).hasSize(5);
        assertThat(body.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void refusesBadParametersAndHidesDevicesOutOfScope() {
        String base = "/api/devices/" + id + "/telemetry";
        assertError(kit.get("viewer", base + "?resolution=minutely"), 400);
        assertError(kit.get("viewer", base + "?from=yesterday"), 400);
        assertError(kit.get("viewer", base + "?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"), 400);
        assertError(kit.get("viewer", base + "?limit=" + (TelemetryRoutes.MAX_ROWS + 1)), 400);
        assertError(kit.get("viewer:" + communeB, base), 404);
        assertError(kit.get("service", base), 403);
        assertThat(kit.get("viewer:" + communeA, base).status()).isEqualTo(200);
    }

    private static void assertError(Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body().get("error").asText()).isNotBlank();
    }

    private static List<String> times(JsonNode body, String field) {
        List<String> times = new ArrayList<>();
        body.get("items").forEach(item -> times.add(item.get(field).asText()));
        return times;
    }
}
