package vn.loa.sim.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AudioSettingsTest {
    @Test
    void limitsAreClearErrors() {
        assertThatThrownBy(() -> new AudioSettings(1.5, null))
                .hasMessageContaining("decode share must be within 0..1");
        assertThatThrownBy(() -> new AudioSettings(-0.1, null)).hasMessageContaining("decode share");
        assertThatThrownBy(() -> new AudioSettings(Double.NaN, null)).hasMessageContaining("decode share");
    }

    @Test
    void decodeShareIsDeterministicAndNearTheAskedShare() {
        AudioSettings tenth = new AudioSettings(0.1, null);
        long decoding = IntStream.range(0, 10_000).mapToObj(i -> String.format("dev-sim-%06d", i))
                .filter(tenth::decodes).count();
        assertThat(decoding).isBetween(900L, 1_100L);
        AudioSettings fifth = new AudioSettings(0.2, null);
        assertThat(IntStream.range(0, 10_000).mapToObj(i -> String.format("dev-sim-%06d", i)).filter(tenth::decodes))
                .as("a larger share keeps every speaker a smaller one chose").allMatch(fifth::decodes);
        assertThat(new AudioSettings(0, null).decodes("dev-x")).isFalse();
        assertThat(AudioSettings.DEFAULT.decodes("dev-x")).isTrue();
    }
}
