package vn.loa.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.loa.protocol.DeviceTopic;

class PayloadLimitsTest {

    @Test
    void everyDeviceTopicHasItsOwnLimit() {
        assertThat(PayloadLimits.forDeviceTopic(DeviceTopic.STATE)).isEqualTo(PayloadLimits.STATE_BYTES).isEqualTo(2048);
        assertThat(PayloadLimits.forDeviceTopic(DeviceTopic.TELEMETRY)).isEqualTo(PayloadLimits.TELEMETRY_BYTES)
                .isEqualTo(1024);
        assertThat(PayloadLimits.forDeviceTopic(DeviceTopic.EVENT)).isEqualTo(PayloadLimits.EVENT_BYTES).isEqualTo(2048);
        assertThat(PayloadLimits.forDeviceTopic(DeviceTopic.RESULT)).isEqualTo(PayloadLimits.RESULT_BYTES)
                .isEqualTo(1024);
        assertThat(PayloadLimits.forDeviceTopic(DeviceTopic.COMMAND)).isEqualTo(PayloadLimits.COMMAND_BYTES)
                .isEqualTo(4096);
        assertThat(PayloadLimits.forDeviceTopic(DeviceTopic.DESIRED)).isEqualTo(PayloadLimits.DESIRED_BYTES)
                .isEqualTo(4096);
    }

    @Test
    void noMessageLimitExceedsTheBrokersPacketLimit() {
        for (DeviceTopic topic : DeviceTopic.values()) {
            assertThat(PayloadLimits.forDeviceTopic(topic)).isLessThan(PayloadLimits.MAX_PACKET_BYTES);
        }
        assertThat(PayloadLimits.PROVISION_REQUEST_BYTES).isLessThan(PayloadLimits.MAX_PACKET_BYTES);
        assertThat(PayloadLimits.MAX_PACKET_BYTES).isEqualTo(65_536);
    }

    @Test
    void everyMessageKindHasALimitWithinThePacketLimit() {
        assertThat(MessageKinds.all()).hasSize(8)
                .allSatisfy(kind -> assertThat(MessageKinds.limitFor(kind)).isPositive()
                        .isLessThanOrEqualTo(PayloadLimits.MAX_PACKET_BYTES));
    }
}
