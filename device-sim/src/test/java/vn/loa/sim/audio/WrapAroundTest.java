package vn.loa.sim.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrapAroundTest {
    @Test
    void rollOverKeepsCountingAndLateValuesStayBehind() {
        WrapAround timestamps = new WrapAround(32);
        assertThat(timestamps.extend(0xFFFF_FF00L)).isEqualTo(0xFFFF_FF00L);
        assertThat(timestamps.extend(0x0000_0100L)).isEqualTo(0x1_0000_0100L);
        assertThat(timestamps.extend(0xFFFF_FFF0L)).as("a late one from before the wrap").isEqualTo(0xFFFF_FFF0L);
        assertThat(timestamps.extend(0x0000_0200L)).isEqualTo(0x1_0000_0200L);
    }

    @Test
    void aValueJustBeforeTheFirstIsNegative() {
        WrapAround sequences = new WrapAround(16);
        assertThat(sequences.extend(3)).isEqualTo(3);
        assertThat(sequences.extend(65_535)).isEqualTo(-1);
    }
}
