package vn.loa.bench.control;

import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho callback that only cares about arriving messages. */
final class ArrivalCallback implements MqttCallback {
    private final BiConsumer<String, MqttMessage> onMessage;

    ArrivalCallback(BiConsumer<String, MqttMessage> onMessage) {
        this.onMessage = onMessage;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        onMessage.accept(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        // the benchmark notices through missing answers and reports them
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        // as above
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // QoS 1 publishes are awaited through their tokens
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // connection is awaited through the connect token
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }
}
