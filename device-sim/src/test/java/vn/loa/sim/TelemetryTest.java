package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Telemetry;

class TelemetryTest {
    @TempDir
    Path dir;

    @Test
    void everySpeakerReportsValidTelemetryEachPeriod() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = Fleet.create(FleetOptions.builder().count(3).serials("TEL-", 1).serverUri(broker.uri())
                     .provisioningKey("k").telemetryPeriod(FleetOptions.MIN_TELEMETRY_PERIOD).build())) {
            fleet.start();
            assertThat(fleet.awaitConnected(3, Duration.ofSeconds(10))).isTrue();
            for (SimulatedSpeaker s : fleet.speakers()) {
                String topic = Topics.device(s.deviceId(), DeviceTopic.TELEMETRY);
                Eventually.until("three reports from " + s.serial(),
                        () -> server.all(r -> r.topic().equals(topic)).size() >= 3);
                for (TestServer.Received r : server.all(x -> x.topic().equals(topic))) {
                    Telemetry t = MessageCodec.decode(r.payload().getBytes(StandardCharsets.UTF_8), Telemetry.class,
                            PayloadLimits.TELEMETRY_BYTES);
                    assertThat(t.volume()).isEqualTo(SpeakerSettings.FACTORY_VOLUME);
                    assertThat(t.muted()).isFalse();
                    assertThat(t.amplifier()).isTrue();
                    assertThat(t.playing()).isNull();
                    assertThat(t.signal()).isBetween(TelemetrySampler.SIGNAL_MIN_DBM, TelemetrySampler.SIGNAL_MAX_DBM);
                    assertThat(t.temperature()).isBetween(TelemetrySampler.TEMPERATURE_MIN_C,
                            TelemetrySampler.TEMPERATURE_MAX_C);
                    assertThat(t.uptime()).isNotNegative();
                    assertThat(t.desiredVersion()).isNull();
                }
            }
        }
    }
}
