package vn.loa.broker;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real Paho MQTT v5 client with a mailbox, answering with MQTT reason codes instead of exceptions. */
final class TestClient implements AutoCloseable {
    static final long WAIT_MILLIS = 10_000;

    private final MqttAsyncClient client;
    final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    final CountDownLatch disconnectedByServer = new CountDownLatch(1);
    private volatile int disconnectReasonCode = -1;

    record Received(String topic, String payload, boolean retained, byte[] correlationData) {
    }

    TestClient(String serverUri, String clientId) throws MqttException {
        client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                disconnectReasonCode = response.getReturnCode();
                disconnectedByServer.countDown();
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                MqttProperties properties = message.getProperties();
                inbox.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.isRetained(), properties == null ? null : properties.getCorrelationData()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
    }

    static MqttConnectionOptions options(String username, String password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        return options;
    }

    static TestClient connected(String serverUri, String clientId, String username, String password)
            throws MqttException {
        TestClient client = new TestClient(serverUri, clientId);
        client.connect(options(username, password));
        return client;
    }

    void connect(MqttConnectionOptions options) throws MqttException {
        client.connect(options).waitForCompletion(WAIT_MILLIS);
    }

    /** The CONNACK reason code: 0 when connected. */
    int connectReasonCode(MqttConnectionOptions options) {
        try {
            connect(options);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /** For QoS 1 the PUBACK reason code; 0 once written for QoS 0. */
    int publish(String topic, String payload, int qos) throws MqttException {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
    }

    int publish(String topic, byte[] payload, int qos) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        return reasonCode(client.publish(topic, message));
    }

    int subscribe(String filter) throws MqttException {
        return reasonCode(client.subscribe(new MqttSubscription(filter, 1)));
    }

    /** The reason code of the server's DISCONNECT, once it has sent one. */
    int awaitServerDisconnect() throws InterruptedException {
        if (!disconnectedByServer.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The server did not disconnect the client");
        }
        return disconnectReasonCode;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    Received next() throws InterruptedException {
        Received received = inbox.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (received == null) {
            throw new AssertionError("No message within " + Duration.ofMillis(WAIT_MILLIS));
        }
        return received;
    }

    /** Drops the TCP connection without a DISCONNECT packet, as a speaker losing power would. */
    void dropConnection() throws MqttException {
        client.disconnectForcibly(0, 1, false);
    }

    private static int reasonCode(IMqttToken token) throws MqttException {
        try {
            token.waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80) {
                return e.getReasonCode();
            }
            throw e;
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(WAIT_MILLIS);
        }
        client.close(true);
    }
}
