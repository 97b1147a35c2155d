package vn.loa.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void deviceIdsAreLowerCaseTopicSafeAndAtMost64Characters() {
        assertThat(Ids.isDeviceId("spk-01")).isTrue();
        assertThat(Ids.isDeviceId("0_a-b")).isTrue();
        assertThat(Ids.isDeviceId("d".repeat(64))).isTrue();
        assertThat(Ids.isDeviceId("d".repeat(65))).isFalse();
        assertThat(Ids.isDeviceId("Spk-01")).isFalse();
        assertThat(Ids.isDeviceId("-spk")).isFalse();
        assertThat(Ids.isDeviceId("_spk")).isFalse();
        assertThat(Ids.isDeviceId("spk.01")).isFalse();
        assertThat(Ids.isDeviceId("spk/01")).isFalse();
        assertThat(Ids.isDeviceId("spk+")).isFalse();
        assertThat(Ids.isDeviceId("")).isFalse();
        assertThat(Ids.isDeviceId(null)).isFalse();
    }

    @Test
    void serialsAllowMixedCaseAndDotsButNoTopicSeparators() {
        assertThat(Ids.isSerial("SN-2024.001_a")).isTrue();
        assertThat(Ids.isSerial("S".repeat(64))).isTrue();
        assertThat(Ids.isSerial("S".repeat(65))).isFalse();
        assertThat(Ids.isSerial(".SN")).isFalse();
        assertThat(Ids.isSerial("SN/1")).isFalse();
        assertThat(Ids.isSerial("SN#")).isFalse();
        assertThat(Ids.isSerial("SN 1")).isFalse();
        assertThat(Ids.isSerial("")).isFalse();
        assertThat(Ids.isSerial(null)).isFalse();
    }

    @Test
    void groupIdsArePositiveDecimalNumbersOfAtMost18Digits() {
        assertThat(Ids.isGroupId("1")).isTrue();
        assertThat(Ids.isGroupId("9".repeat(18))).isTrue();
        assertThat(Ids.isGroupId("1" + "0".repeat(18))).isFalse();
        assertThat(Ids.isGroupId("0")).isFalse();
        assertThat(Ids.isGroupId("012")).isFalse();
        assertThat(Ids.isGroupId("-1")).isFalse();
        assertThat(Ids.isGroupId("1a")).isFalse();
        assertThat(Ids.isGroupId("")).isFalse();
        assertThat(Ids.isGroupId(null)).isFalse();
    }

    @Test
    void commandIdsAreUpTo64LettersDigitsDashesAndUnderscores() {
        assertThat(Ids.isCommandId("c-7f3a_B9")).isTrue();
        assertThat(Ids.isCommandId("-")).isTrue();
        assertThat(Ids.isCommandId("c".repeat(64))).isTrue();
        assertThat(Ids.isCommandId("c".repeat(65))).isFalse();
        assertThat(Ids.isCommandId("c.1")).isFalse();
        assertThat(Ids.isCommandId("c 1")).isFalse();
        assertThat(Ids.isCommandId("")).isFalse();
        assertThat(Ids.isCommandId(null)).isFalse();
    }
}
