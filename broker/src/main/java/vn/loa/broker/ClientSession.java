package vn.loa.broker;

/**
 * One MQTT connection of an authenticated client.
 *
 * @param mqttVersion      3 (for 3.1 and 3.1.1) or 5
 * @param willDelaySeconds the Will delay the client asked for, 0 if it set none or no Will
 */
public record ClientSession(String clientId, BrokerPrincipal principal, int mqttVersion, long willDelaySeconds,
                            String remoteAddress) {
}
