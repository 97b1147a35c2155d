package vn.loa.sim.mqtt;

import java.util.List;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho's asynchronous calls without their checked exceptions: a call that cannot even start is reported the
 * same way as one that fails later, through the failure callback or a debug log line. A simulated device never
 * lets a broken connection throw into its own logic: the connection-lost path handles it.
 */
public final class PahoCalls {
    /** MQTT 5 DISCONNECT reason codes: a normal one (the broker drops the Will) and one that keeps the Will. */
    public static final int NORMAL_DISCONNECTION = 0x00;
    public static final int DISCONNECT_WITH_WILL = 0x04;
    /** A clean DISCONNECT that takes longer than this is abandoned and the socket closed. */
    public static final long DISCONNECT_TIMEOUT_MILLIS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(PahoCalls.class);

    private PahoCalls() {
    }

    /** Publishes; {@code delivered} runs once the broker has it (at once for QoS 0). False if it could not be sent. */
    public static boolean publish(MqttAsyncClient c, String topic, MqttMessage message, Runnable delivered) {
        try {
            c.publish(topic, message, null, Listeners.of(delivered, failure ->
                    log.debug("{}: publish to {} failed: {}", c.getClientId(), topic, failure.getMessage())));
            return true;
        } catch (MqttException | RuntimeException e) {
            log.debug("{}: cannot publish to {}: {}", c.getClientId(), topic, e.getMessage());
            return false;
        }
    }

    /** Subscribes at QoS 1 to all the topics at once; {@code then} runs when the broker has granted them. */
    public static void subscribe(MqttAsyncClient c, List<String> topics, Runnable then, Consumer<Throwable> failed) {
        if (topics.isEmpty()) {
            then.run();
            return;
        }
        MqttSubscription[] subscriptions = topics.stream().map(t -> new MqttSubscription(t, 1))
                .toArray(MqttSubscription[]::new);
        try {
            c.subscribe(subscriptions, null, Listeners.of(then, failed), new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            failed.accept(e);
        }
    }

    public static void unsubscribe(MqttAsyncClient c, List<String> topics, Runnable then, Consumer<Throwable> failed) {
        if (topics.isEmpty()) {
            then.run();
            return;
        }
        try {
            c.unsubscribe(topics.toArray(String[]::new), null, Listeners.of(then, failed), new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            failed.accept(e);
        }
    }

    /** Sends DISCONNECT with the reason code, waits for it, closes the client. Never call on a Paho thread. */
    public static void disconnect(MqttAsyncClient c, int reasonCode) {
        try {
            if (c.isConnected()) {
                c.disconnect(DISCONNECT_TIMEOUT_MILLIS, null, null, reasonCode, new MqttProperties())
                        .waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            log.debug("{}: clean disconnect failed, closing the socket: {}", c.getClientId(), e.getMessage());
            abort(c);
            return;
        }
        close(c);
    }

    /** Closes the socket without a DISCONNECT, as a power cut or a dead link would, then the client. */
    public static void abort(MqttAsyncClient c) {
        try {
            c.disconnectForcibly(0, DISCONNECT_TIMEOUT_MILLIS, false);
        } catch (MqttException e) {
            log.debug("{}: forced disconnect: {}", c.getClientId(), e.getMessage());
        }
        close(c);
    }

    private static void close(MqttAsyncClient c) {
        try {
            c.close(true);
        } catch (MqttException e) {
            log.debug("{}: close: {}", c.getClientId(), e.getMessage());
        }
    }
}
