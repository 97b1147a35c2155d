package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelaySettingsTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @Test
    void defaultsAreSilentAfterTenSecondsAndDeadAfterFive() {
        RelaySettings defaults = RelaySettings.defaults();
        assertThat(defaults.silenceAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.deadAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.silenceThresholdDbfs()).isEqualTo(-60.0);
        assertThat(defaults.reconnectMin()).isLessThanOrEqualTo(defaults.reconnectMax());
        assertThat(defaults.silenceRule()).isEqualTo(SilenceRule.standard());
    }

    @Test
    void impossibleSettingsAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new RelaySettings(ONE_SECOND, Duration.ZERO, ONE_SECOND, ONE_SECOND, -60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadAfter");
        assertThatThrownBy(() -> new RelaySettings(ONE_SECOND, ONE_SECOND, Duration.ofSeconds(2), ONE_SECOND, -60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectMax");
        assertThatThrownBy(() -> new RelaySettings(ONE_SECOND, ONE_SECOND, ONE_SECOND, ONE_SECOND, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new RelaySettings(null, ONE_SECOND, ONE_SECOND, ONE_SECOND, -60))
                .isInstanceOf(NullPointerException.class);
    }
}
