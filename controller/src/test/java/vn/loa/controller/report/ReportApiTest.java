package vn.loa.controller.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.auth.Role;
import vn.loa.controller.config.ConfigException;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.TestServers;

/**
 * The uptime and airtime reports over the API, from presence history and deliveries written straight into the
 * database (the services that write them in production are tested elsewhere). Days are in Asia/Ho_Chi_Minh (UTC+7).
 */
class ReportApiTest {
    private static final Instant NOW = Instant.parse("2026-03-10T05:00:00Z");
    private static final String UPTIME = "/api/reports/uptime";
    private static final String AIRTIME = "/api/reports/airtime";

    @TempDir
    static Path dataDir;
    private static LoaServer server;
    private static ApiClient admin;
    private static Province up;
    private static Province air;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir, Map.of(), new MutableClock(NOW));
        admin = TestServers.admin(server);
        up = new Province(server, admin, "up");
        Instant installed = Instant.parse("2026-02-01T00:00:00Z");
        up.speaker("u1", "a1", installed);
        up.speaker("u2", "b", installed);
        up.speaker("u3", "b", installed);
        presence("u1", "2026-03-01T00:00:00Z", true);
        presence("u1", "2026-03-02T06:00:00Z", false);
        presence("u1", "2026-03-02T12:00:00Z", true);
        presence("u3", "2026-03-02T18:00:00Z", true);
        server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO device_state (device_id, online, last_seen,"
                + " updated_at) VALUES ('u1', FALSE, :seen, :seen)").bind("seen", utc("2026-03-09T23:00:00Z")).execute());

        air = new Province(server, admin, "ai");
        for (String[] s : new String[][] {{"s1", "a1"}, {"s2", "a"}, {"s3", "b"}, {"s4", "b"}}) {
            air.speaker(s[0], s[1], installed);
        }
        broadcast("B1");
        delivery("B1", "s1", "a1", "2026-03-02T01:00:00Z", "2026-03-02T01:10:00Z", 600);
        delivery("B1", "s2", "a", "2026-03-02T01:00:00Z", "2026-03-02T01:08:00Z", 480);
        broadcast("B2");
        // 23:30 to 00:30 local time: half on each day
        delivery("B2", "s3", "b", "2026-03-02T16:30:00Z", "2026-03-02T17:30:00Z", 3600);
        broadcast("B3");
        delivery("B3", "s4", "b", null, null, 0);
        broadcast("B4");
        // still playing: counted up to its last update
        delivery("B4", "s1", "a1", "2026-03-03T02:00:00Z", null, 300);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void uptimeCountsTheStateBeforeThePeriodAndEveryDisconnect() {
        Map<String, JsonNode> rows = byId(admin.get(UPTIME + "?area=" + up.area("p")
                + "&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z"));

        assertThat(rows).containsOnlyKeys("u1", "u2", "u3");
        assertThat(rows.get("u1").get("onlineShare").asDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(rows.get("u1").get("disconnects").asInt()).isEqualTo(1);
        assertThat(rows.get("u1").get("lastSeen").asText()).isEqualTo("2026-03-09T23:00:00Z");
        assertThat(rows.get("u1").get("areaName").asText()).isEqualTo("Thôn Một");
        assertThat(rows.get("u2").get("onlineShare").asDouble()).isZero();
        assertThat(rows.get("u2").get("lastSeen").isNull()).isTrue();
        assertThat(rows.get("u3").get("onlineShare").asDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(rows.get("u3").get("disconnects").asInt()).isZero();
    }

    @Test
    void uptimeOfAPeriodNotOverYetCountsUpToNow() {
        Response r = admin.get(UPTIME + "?area=" + up.area("p") + "&from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z");
        Map<String, JsonNode> rows = byId(r);
        assertThat(rows.get("u1").get("onlineShare").asDouble()).isEqualTo(1.0);
        assertThat(rows.get("u3").get("onlineShare").asDouble()).isEqualTo(1.0);
        assertThat(rows.get("u2").get("onlineShare").asDouble()).isZero();
        assertThat(r.json().get("to").asText()).isEqualTo("2026-03-11T00:00:00Z");
        assertThat(r.json().get("timeZone").asText()).isEqualTo("Asia/Ho_Chi_Minh");

        assertThat(admin.get(UPTIME + "?from=2026-03-11T00:00:00Z&to=2026-03-12T00:00:00Z").status()).isEqualTo(400);
        assertThat(admin.get(UPTIME + "?from=2025-01-01&to=2026-03-01").status()).isEqualTo(400);
        assertThat(admin.get(UPTIME + "?from=2026-03-02&to=2026-03-01").status()).isEqualTo(400);
    }

    @Test
    void uptimeIsScopedAndPaged() {
        ApiClient inB = up.user("up-viewer-b", Role.VIEWER, "b");
        assertThat(byId(inB.get(UPTIME + "?from=2026-03-02")).keySet()).containsOnly("u2", "u3");
        assertThat(inB.get(UPTIME + "?area=" + up.area("a")).status()).isEqualTo(404);
        assertThat(byId(admin.get(UPTIME + "?area=" + up.area("a") + "&from=2026-03-02")).keySet())
                .containsOnly("u1");

        Response page = admin.get(UPTIME + "?area=" + up.area("p") + "&limit=2&offset=2");
        assertThat(page.json().get("total").asLong()).isEqualTo(3);
        assertThat(Instant.parse(page.json().get("from").asText())).isEqualTo(NOW.minus(ReportRoutes.DEFAULT_PERIOD));
        assertThat(Instant.parse(page.json().get("to").asText())).isEqualTo(NOW);
        assertThat(page.json().get("items")).hasSize(1);
        assertThat(TestServers.anonymous(server).get(UPTIME).status()).isEqualTo(401);
    }

    @Test
    void uptimeExportsEveryDeviceAsCsv() throws IOException {
        Response csv = admin.get(UPTIME + "?area=" + up.area("p") + "&from=2026-03-02&to=2026-03-02&limit=1",
                "text/csv");
        assertThat(csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"uptime-2026-03-02-2026-03-02.csv\"");
        List<CSVRecord> records = parse(csv.body());
        assertThat(records).extracting(r -> r.get("deviceId")).containsExactly("u1", "u2", "u3");
        assertThat(records.get(0).get("serial")).isEqualTo("SN-u1");
        assertThat(records.get(0).get("area")).isEqualTo("Thôn Một");
        assertThat(Double.parseDouble(records.get(0).get("onlineShare"))).isCloseTo(0.75, within(1e-9));
        assertThat(records.get(0).get("lastSeen")).isEqualTo("2026-03-09T23:00:00Z");
        assertThat(records.get(1).get("lastSeen")).isEmpty();
    }

    @Test
    void airtimeRollsVillagesIntoTheirCommuneAndSplitsAcrossLocalMidnight() {
        Map<String, JsonNode> rows = byAreaDay(admin.get(AIRTIME + "?area=" + air.area("p")
                + "&from=2026-03-02&to=2026-03-03"));

        assertThat(rows).containsOnlyKeys("Xã An 2026-03-02", "Xã An 2026-03-03", "Phường Bình 2026-03-02",
                "Phường Bình 2026-03-03");
        assertRow(rows.get("Xã An 2026-03-02"), 1, 600, 2, 0);
        assertRow(rows.get("Xã An 2026-03-03"), 1, 300, 1, 1);
        assertRow(rows.get("Phường Bình 2026-03-02"), 1, 1800, 1, 1);
        assertRow(rows.get("Phường Bình 2026-03-03"), 1, 1800, 1, 1);
        assertThat(rows.get("Phường Bình 2026-03-02").get("areaKind").asText()).isEqualTo("ward");
    }

    @Test
    void airtimeOfAVillageIsThatVillageAlone() {
        Map<String, JsonNode> rows = byAreaDay(admin.get(AIRTIME + "?area=" + air.area("a1")
                + "&from=2026-03-02&to=2026-03-03"));
        assertThat(rows).containsOnlyKeys("Thôn Một 2026-03-02", "Thôn Một 2026-03-03");
        assertRow(rows.get("Thôn Một 2026-03-02"), 1, 600, 1, 0);
    }

    @Test
    void airtimeIsScopedLimitedAndExported() throws IOException {
        ApiClient inB = air.user("ai-viewer-b", Role.VIEWER, "b");
        assertThat(byAreaDay(inB.get(AIRTIME + "?from=2026-03-02&to=2026-03-02")))
                .containsOnlyKeys("Phường Bình 2026-03-02");
        assertThat(inB.get(AIRTIME + "?area=" + air.area("a")).status()).isEqualTo(404);
        Response tooLong = admin.get(AIRTIME + "?from=2026-01-01&to=2026-04-30");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asText()).contains("93 days");

        Response csv = admin.get(AIRTIME + "?area=" + air.area("p") + "&from=2026-03-02&to=2026-03-02&format=csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<CSVRecord> records = parse(csv.body());
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("area")).isEqualTo("Xã An");
        assertThat(records.get(0).get("day")).isEqualTo("2026-03-02");
        assertThat(records.get(0).get("secondsOnAir")).isEqualTo("600.0");
        assertThat(records.get(1).get("speakersSilent")).isEqualTo("1");
    }

    @Test
    void aTimeZoneThatDoesNotExistStopsTheServerBeforeItStarts(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> TestServers.config(elsewhere, Map.of("schedule.time.zone", "Asia/Nowhere")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schedule.time.zone");
    }

    private static void assertRow(JsonNode row, int broadcasts, double seconds, int reached, int silent) {
        assertThat(row.get("broadcasts").asInt()).as("broadcasts").isEqualTo(broadcasts);
        assertThat(row.get("secondsOnAir").asDouble()).as("seconds on air").isCloseTo(seconds, within(0.1));
        assertThat(row.get("speakersReached").asInt()).as("speakers reached").isEqualTo(reached);
        assertThat(row.get("speakersSilent").asInt()).as("speakers silent").isEqualTo(silent);
    }

    private static Map<String, JsonNode> byId(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, JsonNode> rows = new HashMap<>();
        r.json().get("items").forEach(row -> rows.put(row.get("id").asText(), row));
        return rows;
    }

    private static Map<String, JsonNode> byAreaDay(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, JsonNode> rows = new HashMap<>();
        r.json().get("items").forEach(row -> rows.put(row.get("areaName").asText() + " " + row.get("day").asText(),
                row));
        assertThat(r.json().get("total").asInt()).isEqualTo(rows.size());
        return rows;
    }

    private static List<CSVRecord> parse(String body) throws IOException {
        assertThat(body).startsWith("\uFEFF");
        return new ArrayList<>(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body.substring(1))).getRecords());
    }

    private static void presence(String deviceId, String at, boolean online) {
        server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO presence_events (device_id, at, online)"
                + " VALUES (:d, :at, :online)").bind("d", deviceId).bind("at", utc(at)).bind("online", online).execute());
    }

    private static void broadcast(String id) {
        server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO broadcasts (id, name, source_json, targets_json,"
                        + " priority, created_by, created_at, status) VALUES (:id, :id, '{}', '{}', 'NORMAL', 'admin',"
                        + " :at, 'ended')")
                .bind("id", id).bind("at", utc("2026-03-01T00:00:00Z")).execute());
    }

    private static void delivery(String broadcast, String device, String areaCode, String start, String end,
                                 double seconds) {
        String updated = end != null ? end : start != null ? Instant.parse(start).plusSeconds((long) seconds).toString()
                : "2026-03-02T00:00:00Z";
        server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO deliveries (broadcast_id, device_id, area_id, outcome,"
                        + " first_started_at, last_ended_at, seconds_played, updated_at) VALUES (:b, :d, :area,"
                        + " :outcome, :start, :end, :seconds, :updated)")
                .bind("b", broadcast).bind("d", device).bind("area", air.area(areaCode))
                .bind("outcome", seconds > 0 ? (end == null ? "playing" : "played") : "offline")
                .bind("start", start == null ? null : utc(start)).bind("end", end == null ? null : utc(end))
                .bind("seconds", seconds).bind("updated", utc(updated)).execute());
    }

    private static OffsetDateTime utc(String instant) {
        return OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }
}
