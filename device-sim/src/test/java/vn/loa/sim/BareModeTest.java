package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;

class BareModeTest {
    @TempDir
    Path dir;

    @Test
    void bareSpeakersAnswerTheGroupTopicAndTheirOwnCommandTopicWithoutProvisioning() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             TestServer server = new TestServer(broker.uri(), r -> {
                 throw new AssertionError("bare mode must not provision");
             });
             Fleet fleet = Fleet.create(FleetOptions.builder().count(3).serials("BARE-", 1).serverUri(broker.uri())
                     .bareTopic("loa/v1/grp/1/cmd").build())) {
            fleet.start();
            assertThat(fleet.awaitConnected(3, Duration.ofSeconds(10))).isTrue();
            server.publish("loa/v1/grp/1/cmd", Command.of("b-1", CommandType.volume, 20,
                    System.currentTimeMillis() + 60_000), "c".getBytes(), false);
            for (String device : new String[] {"bare-000001", "bare-000002", "bare-000003"}) {
                server.await("answer from " + device, r -> r.topic().equals("loa/v1/dev/" + device + "/res")
                        && r.payload().contains("\"b-1\"") && r.payload().contains("\"ok\"") && r.correlation() != null);
            }
            assertThat(fleet.speakers()).allMatch(s -> s.volume() == 20);

            server.publish("loa/v1/dev/bare-000002/cmd", Command.of("b-2", CommandType.volume, 30,
                    System.currentTimeMillis() + 60_000), "c".getBytes(), false);
            server.await("answer on the own command topic", r -> r.topic().equals("loa/v1/dev/bare-000002/res")
                    && r.payload().contains("\"b-2\""));
            assertThat(fleet.speaker("BARE-000002").orElseThrow().volume()).isEqualTo(30);
            assertThat(fleet.speaker("BARE-000001").orElseThrow().volume()).as("others untouched").isEqualTo(20);
            assertThat(server.provisionRequests).isEmpty();
            assertThat(server.all(r -> r.topic().endsWith("/state"))).isEmpty();
        }
    }
}
