package vn.loa.sim.provision;

/** What provisioning gives a speaker: its MQTT client id and username, and its password. */
public record DeviceCredentials(String deviceId, String secret) {
}
