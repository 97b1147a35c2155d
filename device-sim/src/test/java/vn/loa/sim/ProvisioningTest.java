package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.message.ProvisionReply;

class ProvisioningTest extends BrokerTest {

    private FleetOptions.Builder fleet(String prefix, int count) {
        return FleetOptions.builder().count(count).serials(prefix, 1).serverUri(broker.uri())
                .provisioningKey("prov-key").areaHints(List.of("X01", "X02")).rampRate(1000);
    }

    @Test
    void approvedCredentialsAreStoredAndReusedWithoutProvisioningAgain() throws Exception {
        Path file = dir.resolve("approved-creds.json");
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll)) {
            try (Fleet first = Fleet.create(fleet("APR-", 3).credentialsFile(file).build())) {
                first.start();
                assertThat(first.awaitConnected(3, Duration.ofSeconds(10))).isTrue();
                assertThat(first.speaker("APR-000001").orElseThrow().deviceId()).isEqualTo("dev-apr-000001");
                assertThat(first.speaker("dev-apr-000002")).isPresent();
            }
            assertThat(server.provisionRequests).hasSize(3);
            assertThat(server.provisionRequests).extracting(r -> r.area()).containsExactlyInAnyOrder("X01", "X02", "X01");
            assertThat(server.provisionRequests.get(0).model()).isEqualTo("LOA-SIM");
            assertThat(server.provisionRequests.get(0).imei()).hasSize(15);

            JsonNode stored = new ObjectMapper().readTree(file.toFile());
            assertThat(stored.path("APR-000003").path("deviceId").asText()).isEqualTo("dev-apr-000003");
            assertThat(stored.path("APR-000003").path("secret").asText()).isEqualTo("s-APR-000003");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            try (Fleet second = Fleet.create(fleet("APR-", 3).credentialsFile(file).build())) {
                second.start();
                assertThat(second.awaitConnected(3, Duration.ofSeconds(10))).isTrue();
                assertThat(second.stats().provisionRequests()).isZero();
            }
            assertThat(server.provisionRequests).hasSize(3);
        }
    }

    @Test
    void pendingSpeakerAsksAgainAfterRetryAfterAndConnectsOnceApproved() throws Exception {
        AtomicInteger asks = new AtomicInteger();
        try (TestServer server = new TestServer(broker.uri(),
                r -> asks.incrementAndGet() < 3 ? ProvisionReply.pending(1) : TestServer.approveAll(r));
             Fleet fleet = Fleet.create(fleet("PEN-", 1).build())) {
            fleet.start();
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            Eventually.until("speaker pending", () -> speaker.phase() == Phase.PENDING);
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
            assertThat(server.asksBySerial.get("PEN-000001")).isEqualTo(3);
            assertThat(speaker.deviceId()).isEqualTo("dev-pen-000001");
        }
    }

    @Test
    void pendingWithoutRetryAfterUsesTheConfiguredRetry() throws Exception {
        AtomicInteger asks = new AtomicInteger();
        ProvisionReply pendingNoTime = new ProvisionReply(1, ProvisionReply.Status.pending, null, null, null, null);
        try (TestServer server = new TestServer(broker.uri(),
                r -> asks.incrementAndGet() < 2 ? pendingNoTime : TestServer.approveAll(r));
             Fleet fleet = Fleet.create(fleet("PNT-", 1).provisionRetry(Duration.ofMillis(300)).build())) {
            fleet.start();
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
            assertThat(server.asksBySerial.get("PNT-000001")).isEqualTo(2);
        }
    }

    @Test
    void rejectedSpeakerStopsAndReportsTheReason() throws Exception {
        try (TestServer server = new TestServer(broker.uri(), r -> ProvisionReply.rejected("serial blacklisted"));
             Fleet fleet = Fleet.create(fleet("REJ-", 2).build())) {
            fleet.start();
            Eventually.until("both rejected", () -> fleet.stats().inPhase(Phase.REJECTED) == 2);
            assertThat(fleet.speakers().get(0).refusal()).isEqualTo("serial blacklisted");
            assertThat(fleet.speakers().get(0).deviceId()).isNull();
            assertThat(server.provisionRequests).hasSize(2);
        }
    }

    @Test
    void unansweredRequestIsAskedAgain() throws Exception {
        AtomicInteger asks = new AtomicInteger();
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = Fleet.create(fleet("SIL-", 1).provisionReplyTimeout(Duration.ofMillis(500)).build())) {
            server.policy(r -> asks.incrementAndGet() == 1 ? null : TestServer.approveAll(r));
            fleet.start();
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
            assertThat(server.asksBySerial.get("SIL-000001")).isEqualTo(2);
        }
    }
}
