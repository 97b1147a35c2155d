package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.testaudio.Tones;

class SilenceRuleTest {

    @Test
    void aFullScaleSineIsThreeDecibelsBelowFullScaleAndZerosAreMinusInfinity() {
        short[] sine = Tones.sine(440, 1.0, 48_000, 960);
        assertThat(SilenceRule.levelDbfs(sine)).isCloseTo(-3.01, within(0.05));
        assertThat(SilenceRule.levelDbfs(new short[960])).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void framesBelowTheThresholdAreNotAudible() {
        SilenceRule rule = SilenceRule.standard();
        // amplitude 16 of 32768 is about -69 dBFS RMS: hiss, not programme
        assertThat(rule.isAudible(Tones.sine(440, 16 / 32768.0, 48_000, 960))).isFalse();
        // amplitude 100 of 32768 is about -53 dBFS RMS
        assertThat(rule.isAudible(Tones.sine(440, 100 / 32768.0, 48_000, 960))).isTrue();
    }

    @Test
    void theStandardRuleIsTenSecondsBelowMinusSixty() {
        assertThat(SilenceRule.standard()).isEqualTo(new SilenceRule(Duration.ofSeconds(10), -60.0));
    }

    @Test
    void impossibleRulesAreRefused() {
        assertThatThrownBy(() -> new SilenceRule(Duration.ZERO, -60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new SilenceRule(Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below 0 dBFS");
        assertThatThrownBy(() -> new SilenceRule(Duration.ofSeconds(1), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
