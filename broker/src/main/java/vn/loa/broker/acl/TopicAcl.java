package vn.loa.broker.acl;

import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.GroupMembership;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;

/**
 * Who may publish and subscribe to what; everything not allowed here is denied. Filters are compared exactly,
 * so a device can never use a wildcard or a shared subscription.
 */
public final class TopicAcl {
    private final GroupMembership groups;

    public TopicAcl(GroupMembership groups) {
        this.groups = groups;
    }

    public boolean mayPublish(BrokerPrincipal principal, String clientId, String topic) {
        if (principal instanceof BrokerPrincipal.Device device) {
            return device.deviceId().equals(clientId) && Topics.parseDevice(topic)
                    .filter(name -> name.deviceId().equals(device.deviceId()) && name.kind().fromDevice())
                    .isPresent();
        }
        if (principal instanceof BrokerPrincipal.Provisioning provisioning) {
            return Topics.provisionRequest(provisioning.serial()).equals(topic);
        }
        return false;
    }

    public boolean maySubscribe(BrokerPrincipal principal, String clientId, String filter) {
        if (principal instanceof BrokerPrincipal.Device device) {
            String id = device.deviceId();
            return id.equals(clientId) && (Topics.device(id, DeviceTopic.COMMAND).equals(filter)
                    || Topics.device(id, DeviceTopic.DESIRED).equals(filter)
                    || Topics.parseGroupCommand(filter).filter(group -> groups.groupsOf(id).contains(group))
                    .isPresent());
        }
        if (principal instanceof BrokerPrincipal.Provisioning provisioning) {
            return Topics.provisionReply(provisioning.serial()).equals(filter);
        }
        return principal instanceof BrokerPrincipal.Service && filter.startsWith(Topics.ROOT);
    }
}
