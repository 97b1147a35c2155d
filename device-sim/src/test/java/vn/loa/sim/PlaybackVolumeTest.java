package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;
import vn.loa.protocol.message.Telemetry;
import vn.loa.sim.audio.PlaybackEnd;
import vn.loa.sim.audio.PlaybackRecord;
import vn.loa.sim.audio.ToneSender;

/**
 * A play order's volume over MQTT: the speaker plays at it, unmuted, amplifier on, reports that in telemetry, and
 * returns to its own settings (volume 40, amplifier off here) however the playback ends.
 */
class PlaybackVolumeTest extends OneSpeakerTest {
    static final int OWN_VOLUME = 40;
    static final int DELAY_MILLIS = 150;
    /** Tone senders send this many 20 ms frames: longer than any test here lets them play. */
    static final int LONG_TONE_FRAMES = 1_500;

    @BeforeEach
    void connectAQuietSpeakerWithItsAmplifierOff(TestInfo test) throws Exception {
        connect("V" + Math.abs(test.getDisplayName().hashCode() % 100_000) + "-",
                FleetOptions.builder().telemetryPeriod(FleetOptions.MIN_TELEMETRY_PERIOD));
        setting("own-volume", CommandType.volume, OWN_VOLUME);
        setting("own-amplifier", CommandType.amplifier, false);
        assertOwnSettings(OWN_VOLUME, false);
    }

    private void setting(String commandId, CommandType type, Object value) throws Exception {
        server.command(id, Command.of(commandId, type, value, inOneMinute()), null);
        assertThat(answer(commandId).path("status").asText()).isEqualTo("ok");
    }

    private void assertOwnSettings(int volume, boolean muted) {
        assertThat(speaker.playbackVolume()).isNull();
        assertThat(speaker.volume()).isEqualTo(volume);
        assertThat(speaker.muted()).isEqualTo(muted);
        assertThat(speaker.amplifier()).isFalse();
    }

    private void assertOverride(int volume) {
        assertThat(speaker.playbackVolume()).isEqualTo(volume);
        assertThat(speaker.volume()).isEqualTo(volume);
        assertThat(speaker.muted()).isFalse();
        assertThat(speaker.amplifier()).isTrue();
    }

    /** The first telemetry received after {@code sinceNanos} that matches, waiting for it. */
    private Telemetry telemetry(String what, long sinceNanos, Predicate<Telemetry> match) throws Exception {
        String topic = Topics.device(id, DeviceTopic.TELEMETRY);
        return decode(server.await(what, r -> r.topic().equals(topic) && r.atNanos() > sinceNanos
                && match.test(decode(r))));
    }

    private List<Telemetry> allTelemetry() {
        String topic = Topics.device(id, DeviceTopic.TELEMETRY);
        return server.all(r -> r.topic().equals(topic)).stream().map(PlaybackVolumeTest::decode).toList();
    }

    private static Telemetry decode(TestServer.Received r) {
        try {
            return MessageCodec.decode(r.payload().getBytes(StandardCharsets.UTF_8), Telemetry.class,
                    PayloadLimits.TELEMETRY_BYTES);
        } catch (InvalidMessageException e) {
            throw new AssertionError("the speaker sent invalid telemetry: " + r.payload(), e);
        }
    }

    private static boolean playing(Telemetry t, String stream) {
        return stream.equals(t.playing());
    }

    /** Plays the tone as this stream at this volume (null: the own settings); waits until its first frame plays. */
    private void playUntilHeard(ToneSender tone, String stream, Integer volume) throws Exception {
        play("p-" + stream, tone.order(stream, "t", DELAY_MILLIS, volume));
        assertThat(answer("p-" + stream).path("status").asText()).isEqualTo("ok");
        event("playback-started", stream);
    }

    /** Volume, mute and amplifier as the first telemetry naming the stream reports them. */
    private List<Object> reportedWhilePlaying(String stream) throws Exception {
        Telemetry t = telemetry("telemetry while " + stream + " plays", 0, x -> playing(x, stream));
        return List.of(t.volume(), t.muted(), t.amplifier());
    }

    @Test
    void anEmergencyPlaysAtFullVolumeWithTheAmplifierOnAndStopRestoresTheOwnSettings() throws Exception {
        try (ToneSender tone = new ToneSender(20, false, LONG_TONE_FRAMES)) {
            playUntilHeard(tone, "s-em", 100);
            assertOverride(100);
            assertThat(reportedWhilePlaying("s-em")).containsExactly(100, false, true);

            server.command(id, Command.of("st-em", CommandType.stop, "s-em", inOneMinute()), null);
            long stopped = result("st-em").atNanos();
            assertOwnSettings(OWN_VOLUME, false);
            Telemetry after = telemetry("telemetry after the stop", stopped, t -> t.playing() == null);
            assertThat(after.volume()).isEqualTo(OWN_VOLUME);
            assertThat(after.amplifier()).isFalse();
            assertThat(allTelemetry()).as("every report naming s-em shows its volume")
                    .filteredOn(t -> playing(t, "s-em"))
                    .allSatisfy(t -> assertThat(List.of(t.volume(), t.muted(), t.amplifier()))
                            .containsExactly(100, false, true));
        }
        PlaybackRecord record = speaker.history().get(0);
        assertThat(speaker.history()).hasSize(1);
        assertThat(record.streamId()).isEqualTo("s-em");
        assertThat(record.volume()).isEqualTo(100);
        assertThat(record.end()).isEqualTo(PlaybackEnd.STOPPED);
    }

    @Test
    void aPlayWithoutVolumeRestoresTheOwnSettingsAsCommandsChangedThemMeanwhile() throws Exception {
        try (ToneSender loud = new ToneSender(20, false, LONG_TONE_FRAMES);
             ToneSender normal = new ToneSender(20, false, LONG_TONE_FRAMES)) {
            playUntilHeard(loud, "s-loud", 90);
            setting("vol-30", CommandType.volume, 30);
            setting("mute", CommandType.mute, null);
            assertOverride(90);

            playUntilHeard(normal, "s-normal", null);
            assertThat(event("playback-ended", "s-loud").path("detail").asText()).isEqualTo("replaced");
            assertOwnSettings(30, true);
            assertThat(reportedWhilePlaying("s-normal")).containsExactly(30, true, false);
        }
    }

    @Test
    void chainedPlaysWithVolumeReturnToTheSettingsFromBeforeTheFirst() throws Exception {
        try (ToneSender first = new ToneSender(20, false, LONG_TONE_FRAMES);
             ToneSender second = new ToneSender(20, false, LONG_TONE_FRAMES)) {
            playUntilHeard(first, "s-first", 100);
            server.desired(id, 1, 55, null, List.of());
            Eventually.until("desired state 1 applied", () -> Long.valueOf(1).equals(speaker.desiredVersion()));
            assertOverride(100);

            playUntilHeard(second, "s-second", 80);
            assertOverride(80);
            assertThat(reportedWhilePlaying("s-second")).containsExactly(80, false, true);

            server.command(id, Command.of("st-second", CommandType.stop, "s-second", inOneMinute()), null);
            result("st-second");
            assertOwnSettings(55, false);
        }
        assertThat(speaker.history()).extracting(PlaybackRecord::streamId, PlaybackRecord::volume,
                PlaybackRecord::end).containsExactly(
                        tuple("s-first", 100, PlaybackEnd.REPLACED),
                        tuple("s-second", 80, PlaybackEnd.STOPPED));
    }

    @Test
    void aStopForAnotherStreamKeepsTheVolumeAndAFailedPlaybackRestoresTheOwnSettings() throws Exception {
        try (ToneSender broken = new ToneSender(20, false, LONG_TONE_FRAMES).corrupt(k -> k >= 100)) {
            playUntilHeard(broken, "s-broken", 100);
            server.command(id, Command.of("st-other", CommandType.stop, "s-other", inOneMinute()), null);
            result("st-other");
            assertOverride(100);

            assertThat(event("playback-failed", "s-broken").path("detail").asText()).isEqualTo("decoder-error");
            assertOwnSettings(OWN_VOLUME, false);
        }
        assertThat(speaker.history()).extracting(PlaybackRecord::end).containsExactly(PlaybackEnd.DECODER_ERROR);
    }
}
