package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.PlayOrder;

/** One provisioned, connected speaker and a test server on the class's broker. */
abstract class OneSpeakerTest extends BrokerTest {
    static final ObjectMapper JSON = new ObjectMapper();

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

    JsonNode answer(String commandId) throws Exception {
        return JSON.readTree(result(commandId).payload());
    }

    /** The first playback event of this kind for the stream, waiting for it. */
    JsonNode event(String event, String stream) throws Exception {
        return JSON.readTree(server.await(event + " of " + stream,
                r -> r.topic().equals(Topics.device(id, DeviceTopic.EVENT)) && r.payload().contains("\"" + event + "\"")
                        && r.payload().contains("\"" + stream + "\"")).payload());
    }

    void play(String commandId, PlayOrder order) {
        server.command(id, Command.play(commandId, order, inOneMinute()), null);
    }
}
