package vn.loa.broker;

/**
 * One MQTT connection of an authenticated client.
 *
 * @param connectionId     unique per connection in this broker's life: when a client reconnects and takes
 *                         over its old session, the old connection's disconnect carries the old id, so it can
 *                         be told apart from the new connection
 * @param mqttVersion      3 (for 3.1 and 3.1.1) or 5
 * @param willDelaySeconds the Will delay the client asked for (after the broker's cap), 0 if no Will
 */
public record ClientSession(long connectionId, String clientId, BrokerPrincipal principal, int mqttVersion,
                            long willDelaySeconds, String remoteAddress) {
}
