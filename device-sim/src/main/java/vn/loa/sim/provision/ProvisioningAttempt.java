package vn.loa.sim.provision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.message.ProvisionReply;
import vn.loa.protocol.message.ProvisionRequest;
import vn.loa.sim.mqtt.ClientCallback;
import vn.loa.sim.mqtt.ConnectRefusal;
import vn.loa.sim.mqtt.Listeners;
import vn.loa.sim.mqtt.MqttEndpoint;
import vn.loa.sim.mqtt.PahoCalls;

/**
 * One provisioning exchange: connect as {@code prov-{serial}} with the provisioning key, subscribe to the reply
 * topic, publish the request, wait for one reply (or the timeout), disconnect. Reports exactly one outcome.
 */
public final class ProvisioningAttempt implements ClientCallback {
    public static final String USERNAME = "provision";
    public static final String CLIENT_ID_PREFIX = "prov-";
    /** Largest reply read; a reply carries an id and a secret at most. */
    public static final int MAX_REPLY_BYTES = 1024;

    private static final Logger log = LoggerFactory.getLogger(ProvisioningAttempt.class);

    private final MqttEndpoint endpoint;
    private final ScheduledExecutorService timers;
    private final String provisioningKey;
    private final ProvisionRequest request;
    private final Duration replyTimeout;
    private final Consumer<ProvisionOutcome> done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile MqttAsyncClient client;
    private ScheduledFuture<?> timeout;

    public ProvisioningAttempt(MqttEndpoint endpoint, ScheduledExecutorService timers, String provisioningKey,
                               ProvisionRequest request, Duration replyTimeout, Consumer<ProvisionOutcome> done) {
        this.endpoint = endpoint;
        this.timers = timers;
        this.provisioningKey = provisioningKey;
        this.request = request;
        this.replyTimeout = replyTimeout;
        this.done = done;
    }

    public void begin() {
        String serial = request.serial();
        MqttConnectionOptions options = endpoint.baseOptions();
        options.setUserName(USERNAME);
        options.setPassword(provisioningKey.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        synchronized (this) {
            timeout = timers.schedule(() -> finish(ProvisionOutcome.failed("no reply within " + replyTimeout)),
                    replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            client = endpoint.newClient(CLIENT_ID_PREFIX + serial);
            if (finished.get()) {
                PahoCalls.abort(client); // abandoned while starting
                return;
            }
            client.setCallback(this);
            client.connect(options, null, Listeners.of(this::subscribeAndAsk, this::connectFailed));
        } catch (MqttException | RuntimeException e) {
            finish(ProvisionOutcome.failed("cannot connect: " + e.getMessage()));
        }
    }

    /** Gives up at once (the speaker was switched off): closes the connection and reports nothing. */
    public void abandon() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
        MqttAsyncClient c = client;
        if (c != null) {
            PahoCalls.abort(c);
        }
    }

    private void connectFailed(Throwable failure) {
        if (ConnectRefusal.isCredentialRefusal(failure)) {
            finish(ProvisionOutcome.refused("the broker refused the provisioning key"));
        } else {
            finish(ProvisionOutcome.failed("cannot connect: " + failure.getMessage()));
        }
    }

    private void subscribeAndAsk() {
        try {
            client.subscribe(Topics.provisionReply(request.serial()), 1, null, Listeners.of(() -> {
                try {
                    client.publish(Topics.provisionRequest(request.serial()), MessageCodec.encode(request), 1,
                            false);
                } catch (MqttException e) {
                    finish(ProvisionOutcome.failed("cannot publish the request: " + e.getMessage()));
                }
            }, failure -> finish(ProvisionOutcome.failed("cannot subscribe: " + failure.getMessage()))));
        } catch (MqttException e) {
            finish(ProvisionOutcome.failed("cannot subscribe: " + e.getMessage()));
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            ProvisionReply reply = MessageCodec.decode(message.getPayload(), ProvisionReply.class, MAX_REPLY_BYTES);
            finish(ProvisionOutcome.replied(reply));
        } catch (InvalidMessageException e) {
            log.warn("{}: dropped an invalid provisioning reply ({}: {})", request.serial(), e.reason().label(),
                    e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        finish(ProvisionOutcome.failed("connection lost: " + response.getReasonString()));
    }

    private void finish(ProvisionOutcome outcome) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
        // often called on Paho's callback thread, which may not disconnect its own client
        timers.execute(() -> {
            MqttAsyncClient c = client;
            if (c != null) {
                PahoCalls.disconnect(c, PahoCalls.NORMAL_DISCONNECTION);
            }
            done.accept(outcome);
        });
    }
}
