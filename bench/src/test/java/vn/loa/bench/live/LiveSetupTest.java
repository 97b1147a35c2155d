package vn.loa.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LiveSetupTest {

    @Test
    void theLimitsAreNamedWhenASettingIsOutside() {
        assertThatThrownBy(() -> new LiveSetup(1000, 10, LiveSetup.MIN_SECONDS - 1, 0.02, 300))
                .hasMessageContaining("seconds must be within " + LiveSetup.MIN_SECONDS + ".." + LiveSetup.MAX_SECONDS);
        assertThatThrownBy(() -> new LiveSetup(1000, 10, 30, 0, 300))
                .hasMessageContaining("decode share must be within (0, 1]");
        assertThatThrownBy(() -> new LiveSetup(5, 10, 30, 0.02, 300))
                .hasMessageContaining("communes must be within 1.." + LiveSetup.MAX_COMMUNES);
        assertThat(new LiveSetup(1000, 10, 30, 0.02, 300).asMap()).containsEntry("speakers", 1000)
                .containsEntry("seconds", 30);
    }

    @Test
    void theCommandRefusesABadOptionBeforeStartingAnything() {
        CommandLine cli = new CommandLine(new LiveBench());
        cli.setErr(new PrintWriter(Writer.nullWriter()));
        assertThat(cli.execute("--seconds", "1")).isEqualTo(2);
    }
}
