package vn.loa.controller.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.events.DeviceAreaPaths;
import vn.loa.controller.events.EventRoutes;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.EventStream;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestServers;

/** Alarms raised by services, as users see them in the API and on the live feed. */
class AlarmApiTest extends RealServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Province province;

    @BeforeAll
    static void load() {
        province = new Province(server, admin, "al");
        province.speaker("al-dev-a", "a1", Instant.now());
        province.speaker("al-dev-b", "b", Instant.now());
    }

    @Test
    void deviceAlarmsAreShownOnlyWhereTheDeviceIsAndOthersToEveryone() {
        server.alarms().raise("play:al-dev-a", "play-failed", "device:al-dev-a", "không phát được");
        server.alarms().raise("relay:al-b1", "relay-dead", "broadcast:al-b1", "nguồn tiếp sóng mất tín hiệu");
        try {
            ApiClient inA = province.user("al-viewer-a", Role.VIEWER, "a");
            ApiClient inB = province.user("al-viewer-b", Role.VIEWER, "b");

            assertThat(keys(admin)).contains("play:al-dev-a", "relay:al-b1");
            assertThat(keys(inA)).contains("play:al-dev-a", "relay:al-b1");
            assertThat(keys(inB)).contains("relay:al-b1").doesNotContain("play:al-dev-a");
            JsonNode alarm = find(admin, "play:al-dev-a");
            assertThat(alarm.get("kind").asText()).isEqualTo("play-failed");
            assertThat(alarm.get("message").asText()).isEqualTo("không phát được");
            assertThat(alarm.has("areaPath")).isFalse();
        } finally {
            server.alarms().clear("play:al-dev-a");
            server.alarms().clear("relay:al-b1");
        }
    }

    @Test
    void raisingAgainRefreshesAndClearingRemoves() {
        server.alarms().raise("relay:al-b2", "relay-silent", "broadcast:al-b2", "im lặng 10 giây");
        JsonNode first = find(admin, "relay:al-b2");
        server.alarms().raise("relay:al-b2", "relay-silent", "broadcast:al-b2", "im lặng 20 giây");
        JsonNode second = find(admin, "relay:al-b2");

        assertThat(keys(admin).stream().filter("relay:al-b2"::equals)).hasSize(1);
        assertThat(second.get("raisedAt")).isEqualTo(first.get("raisedAt"));
        assertThat(second.get("message").asText()).isEqualTo("im lặng 20 giây");

        server.alarms().clear("relay:al-b2");
        server.alarms().clear("relay:al-b2");
        assertThat(keys(admin)).doesNotContain("relay:al-b2");
    }

    @Test
    void raisingAndClearingIsAnnouncedOnTheLiveFeed() {
        try (EventStream stream = EventStream.open(server.httpPort(), EventRoutes.PATH, admin.token())) {
            waitForConsoles(1);
            server.alarms().raise("play:al-dev-b", "play-failed", "device:al-dev-b", "loa không trả lời");
            server.alarms().clear("play:al-dev-b");

            JsonNode raised = stream.next(AlarmBoard.RAISED, WAIT).json();
            assertThat(raised.get("key").asText()).isEqualTo("play:al-dev-b");
            assertThat(raised.get("areaPath").asText()).isEqualTo(province.path("b"));
            assertThat(stream.next(AlarmBoard.CLEARED, WAIT).json().get("key").asText()).isEqualTo("play:al-dev-b");
        }
    }

    @Test
    void theBoardKeepsAtMostItsLimit() {
        List<String> published = new ArrayList<>();
        AlarmBoard board = new AlarmBoard((type, data) -> published.add(type), new DeviceAreaPaths(server.jdbi()),
                new MutableClock());
        for (int i = 0; i <= AlarmBoard.MAX_ALARMS; i++) {
            board.raise("relay:" + i, "relay-dead", "broadcast:" + i, "dead");
        }
        assertThat(board.visibleTo(null)).hasSize(AlarmBoard.MAX_ALARMS);
        assertThat(published).hasSize(AlarmBoard.MAX_ALARMS);

        board.raise("relay:0", "relay-dead", "broadcast:0", "x".repeat(AlarmBoard.MAX_TEXT + 100));
        assertThat(board.visibleTo(null)).filteredOn(a -> a.key().equals("relay:0")).first()
                .extracting(a -> a.message().length()).isEqualTo(AlarmBoard.MAX_TEXT);
        board.clear("relay:0");
        board.raise("relay:new", "relay-dead", "broadcast:new", "dead");
        assertThat(board.visibleTo(null)).extracting(Alarm::key).contains("relay:new");
    }

    @Test
    void needsASignedInUser() {
        assertThat(TestServers.anonymous(server).get("/api/alarms").status()).isEqualTo(401);
    }

    private static void waitForConsoles(int count) {
        Poll.until("console attached", WAIT, () -> server.events().clients() >= count);
    }

    private static List<String> keys(ApiClient client) {
        List<String> keys = new ArrayList<>();
        ApiClient.Response r = client.get("/api/alarms");
        assertThat(r.status()).isEqualTo(200);
        r.json().get("items").forEach(a -> keys.add(a.get("key").asText()));
        assertThat(r.json().get("total").asInt()).isEqualTo(keys.size());
        return keys;
    }

    private static JsonNode find(ApiClient client, String key) {
        for (JsonNode a : client.get("/api/alarms").json().get("items")) {
            if (a.get("key").asText().equals(key)) {
                return a;
            }
        }
        throw new AssertionError("no alarm " + key);
    }
}
