package vn.loa.sim.mqtt;

import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;

/** Paho action listeners from lambdas. */
public final class Listeners {
    private Listeners() {
    }

    public static MqttActionListener of(Runnable onSuccess, Consumer<Throwable> onFailure) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                onSuccess.run();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                onFailure.accept(failure);
            }
        };
    }
}
