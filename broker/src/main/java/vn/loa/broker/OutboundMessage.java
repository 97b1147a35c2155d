package vn.loa.broker;

/**
 * A message the server publishes through the broker.
 *
 * @param expirySeconds   MQTT 5 message expiry; 0 for none
 * @param correlationData MQTT 5 correlation data, or null
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retain, long expirySeconds,
                              byte[] correlationData) {

    public static OutboundMessage command(String topic, byte[] payload, long expirySeconds, byte[] correlation) {
        return new OutboundMessage(topic, payload, 1, false, expirySeconds, correlation);
    }

    public static OutboundMessage retained(String topic, byte[] payload) {
        return new OutboundMessage(topic, payload, 1, true, 0, null);
    }

    /** An empty retained payload removes the topic's retained message. */
    public static OutboundMessage clearRetained(String topic) {
        return new OutboundMessage(topic, new byte[0], 1, true, 0, null);
    }
}
