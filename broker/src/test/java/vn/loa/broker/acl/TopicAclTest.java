package vn.loa.broker.acl;

import org.junit.jupiter.api.Test;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopicAclTest {
    private static final BrokerPrincipal DEVICE = new BrokerPrincipal.Device("spk-1");
    private static final BrokerPrincipal PROVISIONING = new BrokerPrincipal.Provisioning("SN-1");
    private static final BrokerPrincipal SERVICE = new BrokerPrincipal.Service("controller");

    private final TopicAcl acl = new TopicAcl(Map.of("spk-1", Set.of("12"))::get);

    @Test
    void devicePublishesOnlyItsOwnUpstreamTopicsUnderItsOwnClientId() {
        for (DeviceTopic topic : DeviceTopic.values()) {
            assertThat(acl.mayPublish(DEVICE, "spk-1", Topics.device("spk-1", topic)))
                    .as(topic.name()).isEqualTo(topic.fromDevice());
            assertThat(acl.mayPublish(DEVICE, "spk-1", Topics.device("spk-2", topic))).as(topic.name()).isFalse();
        }
        assertThat(acl.mayPublish(DEVICE, "spk-2", Topics.device("spk-1", DeviceTopic.STATE))).isFalse();
        assertThat(acl.mayPublish(DEVICE, "spk-1", "loa/v1/dev/spk-1/state/extra")).isFalse();
        assertThat(acl.mayPublish(DEVICE, "spk-1", Topics.groupCommand("12"))).isFalse();
        assertThat(acl.mayPublish(DEVICE, "spk-1", Topics.provisionRequest("SN-1"))).isFalse();
    }

    @Test
    void deviceSubscribesToItsCommandsDesiredStateAndCurrentGroupsOnly() {
        assertThat(acl.maySubscribe(DEVICE, "spk-1", Topics.device("spk-1", DeviceTopic.COMMAND))).isTrue();
        assertThat(acl.maySubscribe(DEVICE, "spk-1", Topics.device("spk-1", DeviceTopic.DESIRED))).isTrue();
        assertThat(acl.maySubscribe(DEVICE, "spk-1", Topics.groupCommand("12"))).isTrue();
        assertThat(acl.maySubscribe(DEVICE, "spk-1", Topics.groupCommand("13"))).isFalse();
        assertThat(acl.maySubscribe(DEVICE, "spk-1", Topics.device("spk-1", DeviceTopic.STATE))).isFalse();
        assertThat(acl.maySubscribe(DEVICE, "spk-1", Topics.device("spk-2", DeviceTopic.COMMAND))).isFalse();
        assertThat(acl.maySubscribe(DEVICE, "spk-2", Topics.device("spk-1", DeviceTopic.COMMAND))).isFalse();
        assertThat(acl.maySubscribe(DEVICE, "spk-1", "loa/v1/grp/+/cmd")).isFalse();
        assertThat(acl.maySubscribe(DEVICE, "spk-1", "loa/v1/dev/spk-1/#")).isFalse();
        assertThat(acl.maySubscribe(DEVICE, "spk-1", "$share/g/loa/v1/dev/spk-1/cmd")).isFalse();
    }

    @Test
    void provisioningClientIsConfinedToItsSerial() {
        assertThat(acl.mayPublish(PROVISIONING, "any", Topics.provisionRequest("SN-1"))).isTrue();
        assertThat(acl.mayPublish(PROVISIONING, "any", Topics.provisionRequest("SN-2"))).isFalse();
        assertThat(acl.mayPublish(PROVISIONING, "any", Topics.provisionReply("SN-1"))).isFalse();
        assertThat(acl.maySubscribe(PROVISIONING, "any", Topics.provisionReply("SN-1"))).isTrue();
        assertThat(acl.maySubscribe(PROVISIONING, "any", Topics.provisionReply("SN-2"))).isFalse();
        assertThat(acl.maySubscribe(PROVISIONING, "any", "loa/v1/prov/+/res")).isFalse();
    }

    @Test
    void serviceReadsTheLoaTreeAndPublishesNothing() {
        assertThat(acl.maySubscribe(SERVICE, "svc", "loa/v1/#")).isTrue();
        assertThat(acl.maySubscribe(SERVICE, "svc", "loa/v1/dev/+/state")).isTrue();
        assertThat(acl.maySubscribe(SERVICE, "svc", "#")).isFalse();
        assertThat(acl.maySubscribe(SERVICE, "svc", "$share/g/loa/v1/#")).isFalse();
        assertThat(acl.mayPublish(SERVICE, "svc", Topics.device("spk-1", DeviceTopic.COMMAND))).isFalse();
    }
}
