package vn.loa.protocol;

import java.util.Optional;

/**
 * The MQTT topic tree, version in the path.
 *
 * <pre>
 * loa/v1/dev/{deviceId}/state|tele|evt|res   device to server
 * loa/v1/dev/{deviceId}/cmd|desired          server to device
 * loa/v1/grp/{groupId}/cmd                   server to every device in the group
 * loa/v1/prov/{serial}/req                   provisioning request, device to server
 * loa/v1/prov/{serial}/res                   provisioning reply, server to device
 * </pre>
 */
public final class Topics {
    public static final String ROOT = "loa/v1/";
    public static final String DEVICE_PREFIX = ROOT + "dev/";
    public static final String GROUP_PREFIX = ROOT + "grp/";
    public static final String PROVISION_PREFIX = ROOT + "prov/";

    private Topics() {
    }

    public static String device(String deviceId, DeviceTopic kind) {
        return DEVICE_PREFIX + deviceId + "/" + kind.level();
    }

    public static String groupCommand(String groupId) {
        return GROUP_PREFIX + groupId + "/cmd";
    }

    public static String provisionRequest(String serial) {
        return PROVISION_PREFIX + serial + "/req";
    }

    public static String provisionReply(String serial) {
        return PROVISION_PREFIX + serial + "/res";
    }

    /** Parses {@code loa/v1/dev/{id}/{kind}}; empty for anything else, including wildcards and bad ids. */
    public static Optional<DeviceTopicName> parseDevice(String topic) {
        if (topic == null || !topic.startsWith(DEVICE_PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(DEVICE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String id = rest.substring(0, slash);
        if (!Ids.isDeviceId(id)) {
            return Optional.empty();
        }
        return DeviceTopic.fromLevel(rest.substring(slash + 1)).map(kind -> new DeviceTopicName(id, kind));
    }

    /** Parses {@code loa/v1/grp/{groupId}/cmd}; empty for anything else. */
    public static Optional<String> parseGroupCommand(String topic) {
        String id = between(topic, GROUP_PREFIX, "/cmd");
        return Ids.isGroupId(id) ? Optional.of(id) : Optional.empty();
    }

    /** Parses {@code loa/v1/prov/{serial}/req}; empty for anything else. */
    public static Optional<String> parseProvisionRequest(String topic) {
        String serial = between(topic, PROVISION_PREFIX, "/req");
        return Ids.isSerial(serial) ? Optional.of(serial) : Optional.empty();
    }

    /**
     * The text between prefix and suffix, or null. The length check matters: "loa/v1/grp/cmd" starts with
     * "loa/v1/grp/" and ends with "/cmd", but the two overlap.
     */
    private static String between(String topic, String prefix, String suffix) {
        if (topic == null || topic.length() < prefix.length() + suffix.length()
                || !topic.startsWith(prefix) || !topic.endsWith(suffix)) {
            return null;
        }
        return topic.substring(prefix.length(), topic.length() - suffix.length());
    }

    public record DeviceTopicName(String deviceId, DeviceTopic kind) {
    }
}
