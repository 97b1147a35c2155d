package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PresenceTest extends BrokerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int WILL_DELAY_SECONDS = 2;


    private static Fleet fleet(String prefix) throws Exception {
        return Fleet.create(FleetOptions.builder().count(1).serials(prefix, 1).serverUri(broker.uri())
                .provisioningKey("k").willDelaySeconds(WILL_DELAY_SECONDS).build());
    }

    private static JsonNode json(TestServer.Received r) {
        try {
            return JSON.readTree(r.payload());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void birthIsRetainedOnlineStateWithBootIdAndCapabilities() throws Exception {
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = fleet("BRT-")) {
            fleet.start();
            TestServer.Received birth = server.await("birth",
                    r -> r.topic().equals("loa/v1/dev/dev-brt-000001/state"));
            JsonNode state = json(birth);
            assertThat(state.path("v").asInt()).isEqualTo(1);
            assertThat(state.path("status").asText()).isEqualTo("online");
            assertThat(state.path("firmware").asText()).isEqualTo("sim-1.0");
            assertThat(state.path("model").asText()).isEqualTo("LOA-SIM");
            assertThat(state.path("bootId").asText()).isEqualTo(fleet.speakers().get(0).bootId());
            assertThat(state.path("capabilities")).extracting(JsonNode::asText).contains("volume", "reboot");

            try (TestServer late = new TestServer(broker.uri(), TestServer::approveAll)) {
                TestServer.Received retained = late.await("retained birth",
                        r -> r.topic().equals("loa/v1/dev/dev-brt-000001/state"));
                assertThat(retained.retained()).isTrue();
            }
        }
    }

    @Test
    void powerCutPublishesTheWillOnlyAfterTheWillDelay() throws Exception {
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = fleet("WIL-")) {
            fleet.start();
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            server.await("birth", r -> r.topic().endsWith("dev-wil-000001/state") && r.payload().contains("online"));

            long cut = System.nanoTime();
            speaker.powerOff();
            TestServer.Received offline = server.await("offline Will",
                    r -> r.topic().endsWith("dev-wil-000001/state") && r.payload().contains("offline"),
                    Duration.ofSeconds(WILL_DELAY_SECONDS + 8));
            long afterMillis = (offline.atNanos() - cut) / 1_000_000;
            assertThat(afterMillis).isGreaterThanOrEqualTo(WILL_DELAY_SECONDS * 1000L - 100);
            assertThat(speaker.phase()).isEqualTo(Phase.STOPPED);
        }
    }

    @Test
    void droppedLinkReconnectsWithinTheWillDelaySoNoOfflineIsSeen() throws Exception {
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = Fleet.create(FleetOptions.builder().count(1).serials("BLP-", 1).serverUri(broker.uri())
                     .provisioningKey("k").willDelaySeconds(20).build())) {
            fleet.start();
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            String boot = speaker.bootId();
            server.await("birth", r -> r.topic().endsWith("dev-blp-000001/state"));

            assertThat(speaker.dropConnection()).isTrue();
            Eventually.until("speaker back online", () -> fleet.stats().reconnects() == 1 && speaker.connected());
            assertThat(speaker.bootId()).isEqualTo(boot);
            assertThat(server.all(r -> r.topic().endsWith("dev-blp-000001/state"))).hasSize(2)
                    .allMatch(r -> r.payload().contains("online"));
        }
    }

    @Test
    void cleanStopSendsNoWill() throws Exception {
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = fleet("STP-")) {
            fleet.start();
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
            server.await("birth", r -> r.topic().endsWith("dev-stp-000001/state"));
            fleet.speakers().get(0).stop();
            // absence can only be watched for a while: twice the Will delay, polling
            long deadline = System.nanoTime() + Duration.ofSeconds(2L * WILL_DELAY_SECONDS).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(server.all(r -> r.topic().endsWith("dev-stp-000001/state")
                        && r.payload().contains("offline"))).isEmpty();
                Thread.sleep(100);
            }
            assertThat(fleet.speakers().get(0).phase()).isEqualTo(Phase.STOPPED);
        }
    }
}
