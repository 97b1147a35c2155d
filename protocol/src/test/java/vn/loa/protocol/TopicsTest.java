package vn.loa.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
    private static final String LONGEST_DEVICE_ID = "d" + "0".repeat(63);

    @Test
    void buildsEveryTopicUnderTheVersionedRoot() {
        assertThat(Topics.device("spk-01", DeviceTopic.STATE)).isEqualTo("loa/v1/dev/spk-01/state");
        assertThat(Topics.device("spk-01", DeviceTopic.TELEMETRY)).isEqualTo("loa/v1/dev/spk-01/tele");
        assertThat(Topics.device("spk-01", DeviceTopic.EVENT)).isEqualTo("loa/v1/dev/spk-01/evt");
        assertThat(Topics.device("spk-01", DeviceTopic.RESULT)).isEqualTo("loa/v1/dev/spk-01/res");
        assertThat(Topics.device("spk-01", DeviceTopic.COMMAND)).isEqualTo("loa/v1/dev/spk-01/cmd");
        assertThat(Topics.device("spk-01", DeviceTopic.DESIRED)).isEqualTo("loa/v1/dev/spk-01/desired");
        assertThat(Topics.groupCommand("42")).isEqualTo("loa/v1/grp/42/cmd");
        assertThat(Topics.provisionRequest("SN-2024.001")).isEqualTo("loa/v1/prov/SN-2024.001/req");
        assertThat(Topics.provisionReply("SN-2024.001")).isEqualTo("loa/v1/prov/SN-2024.001/res");
    }

    @ParameterizedTest
    @EnumSource(DeviceTopic.class)
    void parsesWhatItBuildsForEveryDeviceTopic(DeviceTopic kind) {
        assertThat(Topics.parseDevice(Topics.device(LONGEST_DEVICE_ID, kind)))
                .contains(new Topics.DeviceTopicName(LONGEST_DEVICE_ID, kind));
    }

    @Test
    void onlyStateTelemetryEventAndResultComeFromTheDevice() {
        assertThat(DeviceTopic.values()).filteredOn(DeviceTopic::fromDevice)
                .containsExactlyInAnyOrder(DeviceTopic.STATE, DeviceTopic.TELEMETRY, DeviceTopic.EVENT,
                        DeviceTopic.RESULT);
        assertThat(DeviceTopic.fromLevel("tele")).contains(DeviceTopic.TELEMETRY);
        assertThat(DeviceTopic.fromLevel("telemetry")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "loa/v1/dev/", "loa/v1/dev/spk-01", "loa/v1/dev/spk-01/", "loa/v1/dev//state",
        "loa/v1/dev/+/state", "loa/v1/dev/#", "loa/v1/dev/spk-01/#", "loa/v1/dev/spk-01/+",
        "loa/v1/dev/Spk-01/state", "loa/v1/dev/-spk/state", "loa/v1/dev/spk 01/state",
        "loa/v1/dev/spk-01/state/extra", "loa/v1/dev/spk-01/a/state", "loa/v1/dev/spk-01/STATE",
        "loa/v1/dev/spk-01/status", "loa/v2/dev/spk-01/state", "/loa/v1/dev/spk-01/state",
        "loa/v1/grp/42/cmd", "loa/v1/dev/d0000000000000000000000000000000000000000000000000000000000000000/state"
    })
    void refusesAnythingButAConcreteDeviceTopic(String topic) {
        assertThat(Topics.parseDevice(topic)).isEmpty();
    }

    @Test
    void refusesNullTopics() {
        assertThat(Topics.parseDevice(null)).isEmpty();
        assertThat(Topics.parseGroupCommand(null)).isEmpty();
        assertThat(Topics.parseProvisionRequest(null)).isEmpty();
    }

    @Test
    void parsesGroupCommands() {
        assertThat(Topics.parseGroupCommand("loa/v1/grp/42/cmd")).contains("42");
        assertThat(Topics.parseGroupCommand(Topics.groupCommand("999999999999999999")))
                .contains("999999999999999999");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "loa/v1/grp/cmd", "loa/v1/grp//cmd", "loa/v1/grp/+/cmd", "loa/v1/grp/#", "loa/v1/grp/0/cmd",
        "loa/v1/grp/07/cmd", "loa/v1/grp/-1/cmd", "loa/v1/grp/1/2/cmd", "loa/v1/grp/abc/cmd",
        "loa/v1/grp/1000000000000000000/cmd", "loa/v1/grp/42/res", "loa/v1/grp/42/cmd/x", "loa/v1/grp/42"
    })
    void refusesAnythingButAConcreteGroupCommandTopic(String topic) {
        assertThat(Topics.parseGroupCommand(topic)).isEmpty();
    }

    @Test
    void parsesProvisioningRequests() {
        assertThat(Topics.parseProvisionRequest("loa/v1/prov/SN-2024.001/req")).contains("SN-2024.001");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "loa/v1/prov/req", "loa/v1/prov//req", "loa/v1/prov/+/req", "loa/v1/prov/#", "loa/v1/prov/SN1/res",
        "loa/v1/prov/a/SN1/req", "loa/v1/prov/.SN1/req", "loa/v1/prov/SN 1/req",
        "loa/v1/prov/S0000000000000000000000000000000000000000000000000000000000000000/req"
    })
    void refusesAnythingButAConcreteProvisioningRequestTopic(String topic) {
        assertThat(Topics.parseProvisionRequest(topic)).isEmpty();
    }
}
