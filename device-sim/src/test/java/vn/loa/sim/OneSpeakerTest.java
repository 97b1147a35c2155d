package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;

/** One provisioned, connected speaker and a test server on the class's broker. */
abstract class OneSpeakerTest extends BrokerTest {
    TestServer server;
    Fleet fleet;
    SimulatedSpeaker speaker;
    String id;

    /** Provisions and connects one speaker with serial {@code prefix000001}, configured by {@code options}. */
    void connect(String prefix, FleetOptions.Builder options) throws Exception {
        server = new TestServer(broker.uri(), TestServer::approveAll);
        fleet = Fleet.create(options.count(1).serials(prefix, 1).serverUri(broker.uri()).provisioningKey("k")
                .credentialsFile(dir.resolve(prefix + "creds.json")).build());
        fleet.start();
        assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
        speaker = fleet.speakers().get(0);
        id = speaker.deviceId();
        server.await("birth", r -> r.topic().equals(Topics.device(id, DeviceTopic.STATE)));
    }

    @AfterEach
    void close() throws Exception {
        fleet.close();
        server.close();
    }

    static long inOneMinute() {
        return System.currentTimeMillis() + 60_000;
    }

    TestServer.Received result(String commandId) throws InterruptedException {
        return server.await("result of " + commandId, r -> r.topic().equals(Topics.device(id, DeviceTopic.RESULT))
                && r.payload().contains("\"" + commandId + "\""));
    }
}
