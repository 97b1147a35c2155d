package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;

class FaultsTest extends BrokerTest {
    static final Duration SLOW = Duration.ofMillis(800);


    @Test
    void neverAckAndSlowAckSharesAreHonoured() throws Exception {
        Faults faults = Faults.NONE.withNeverAckShare(0.5).withSlowAcks(0.25, SLOW);
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = Fleet.create(FleetOptions.builder().count(4).serials("FLT-", 1).serverUri(broker.uri())
                     .provisioningKey("k").faults(faults).seed(42).build())) {
            fleet.start();
            assertThat(fleet.awaitConnected(4, Duration.ofSeconds(10))).isTrue();
            List<SimulatedSpeaker> never = fleet.speakers().stream().filter(SimulatedSpeaker::neverAcks).toList();
            List<SimulatedSpeaker> slow = fleet.speakers().stream().filter(s -> !s.ackDelay().isZero()).toList();
            assertThat(never).hasSize(2);
            assertThat(slow).hasSize(1).doesNotContainAnyElementsOf(never);
            for (SimulatedSpeaker s : fleet.speakers()) {
                server.await("birth", r -> r.topic().equals(Topics.device(s.deviceId(), DeviceTopic.STATE)));
            }

            long sent = System.nanoTime();
            for (SimulatedSpeaker s : fleet.speakers()) {
                server.command(s.deviceId(), Command.of("p-" + s.serial(), CommandType.ping, null,
                        System.currentTimeMillis() + 60_000), null);
            }
            SimulatedSpeaker late = slow.get(0);
            TestServer.Received slowAnswer = server.await("slow answer", r -> r.topic().equals(
                    Topics.device(late.deviceId(), DeviceTopic.RESULT)));
            assertThat(Duration.ofNanos(slowAnswer.atNanos() - sent)).isGreaterThanOrEqualTo(SLOW);

            for (SimulatedSpeaker s : never) {
                assertThat(s.commandsReceived()).isEqualTo(1);
                assertThat(server.all(r -> r.topic().equals(Topics.device(s.deviceId(), DeviceTopic.RESULT))))
                        .isEmpty();
            }
            assertThat(server.all(r -> r.topic().endsWith("/res"))).hasSize(2);
            assertThat(fleet.stats().commandLatency().count()).isEqualTo(2);
            assertThat(fleet.stats().commandLatency().maxMillis()).isGreaterThanOrEqualTo(SLOW.toMillis());
        }
    }

    @Test
    void randomDisconnectsMakeSpeakersReconnect() throws Exception {
        Faults faults = Faults.NONE.withDisconnectsPerHour(Faults.MAX_EVENTS_PER_HOUR);
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = Fleet.create(FleetOptions.builder().count(2).serials("DRP-", 1).serverUri(broker.uri())
                     .provisioningKey("k").faults(faults).build())) {
            fleet.start();
            Eventually.until("at least two reconnects", () -> fleet.stats().reconnects() >= 2,
                    Duration.ofSeconds(20));
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void randomRebootsChangeTheBootId() throws Exception {
        Faults faults = Faults.NONE.withRebootsPerHour(Faults.MAX_EVENTS_PER_HOUR);
        try (TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = Fleet.create(FleetOptions.builder().count(1).serials("RBT-", 1).serverUri(broker.uri())
                     .provisioningKey("k").faults(faults).build())) {
            fleet.start();
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
            String firstBoot = fleet.speakers().get(0).bootId();
            Eventually.until("a reboot", () -> fleet.stats().reboots() >= 1, Duration.ofSeconds(20));
            Eventually.until("a birth with a new boot id", () -> !server.all(r -> r.topic().endsWith("/state")
                    && r.payload().contains("online") && !r.payload().contains(firstBoot)).isEmpty(),
                    Duration.ofSeconds(10));
        }
    }
}
