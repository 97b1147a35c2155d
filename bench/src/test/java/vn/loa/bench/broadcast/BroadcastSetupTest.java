package vn.loa.bench.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.loa.bench.support.WavFiles;
import vn.loa.sim.FleetOptions;

class BroadcastSetupTest {
    private static BroadcastSetup setup(int speakers, int communes, int emergencySeconds, int mediaSeconds) {
        return new BroadcastSetup(speakers, communes, emergencySeconds, mediaSeconds, 0.02, 300);
    }

    @Test
    void theLimitsAreAcceptedAndOneBeyondIsRefusedWithTheLimitNamed() {
        setup(FleetOptions.MAX_SPEAKERS, BroadcastSetup.MAX_COMMUNES, BroadcastSetup.MAX_EMERGENCY_SECONDS,
                ToneWav.MAX_SECONDS);
        setup(1, 1, 1, 1);
        assertThatThrownBy(() -> setup(FleetOptions.MAX_SPEAKERS + 1, 1, 10, 30))
                .hasMessageContaining("speakers must be within 1.." + FleetOptions.MAX_SPEAKERS);
        assertThatThrownBy(() -> setup(5000, BroadcastSetup.MAX_COMMUNES + 1, 10, 30))
                .hasMessageContaining("communes must be within 1.." + BroadcastSetup.MAX_COMMUNES);
        assertThatThrownBy(() -> setup(10, 11, 10, 30)).hasMessageContaining("at most the speakers");
        assertThatThrownBy(() -> setup(10, 2, BroadcastSetup.MAX_EMERGENCY_SECONDS + 1, 30))
                .hasMessageContaining("emergency seconds must be within 1..");
        assertThatThrownBy(() -> setup(10, 2, 0, 30)).hasMessageContaining("emergency seconds");
        assertThatThrownBy(() -> setup(10, 2, 10, ToneWav.MAX_SECONDS + 1))
                .hasMessageContaining("media seconds must be within 1.." + ToneWav.MAX_SECONDS);
        assertThatThrownBy(() -> new BroadcastSetup(10, 2, 10, 30, 1.5, 300)).hasMessageContaining("decode share");
        assertThatThrownBy(() -> new BroadcastSetup(10, 2, 10, 30, 0.5, 0)).hasMessageContaining("ramp rate");
    }

    @Test
    void theCommandRefusesABadOptionBeforeStartingAnything() {
        CommandLine cli = new CommandLine(new BroadcastBench());
        cli.setErr(new PrintWriter(Writer.nullWriter()));
        assertThat(cli.execute("--speakers", "10", "--communes", "20")).isEqualTo(2);
    }

    @Test
    void theToneIsAWavOfTheLengthAsked() {
        byte[] wav = ToneWav.of(440, 2);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(b.getInt(24)).isEqualTo(48_000);
        assertThat(b.getInt(40)).isEqualTo(2 * 48_000 * 2);
        assertThat(wav).hasSize(WavFiles.HEADER_BYTES + 2 * 48_000 * 2);
        assertThatThrownBy(() -> ToneWav.of(440, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
