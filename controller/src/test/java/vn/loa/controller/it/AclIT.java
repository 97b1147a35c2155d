package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.testing.Poll;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.sim.provision.CredentialsStore;
import vn.loa.sim.provision.DeviceCredentials;

/**
 * The per-device ACL, checked with Debian's mosquitto clients (an independent MQTT implementation) and with
 * Paho: a device reaches its own topics and nothing of another device's.
 */
class AclIT extends LiveControlPlaneTest {
    private static final String NOT_ALLOWED = "reason=\"not-allowed\"";

    private static DeviceCredentials a;
    private static DeviceCredentials b;

    @BeforeAll
    static void provisionSpeakers() throws Exception {
        CredentialsStore store = loa.provision("it-a-1", "IT-ACL-A", "IT-ACL-B");
        a = LiveControlPlane.credentials(store, "IT-ACL-A");
        b = LiveControlPlane.credentials(store, "IT-ACL-B");
    }

    @Test
    void mosquittoPubReachesTheOwnTopicsOnly() throws Exception {
        String telemetry = "{\"v\":1,\"volume\":37}";
        assertThat(mosquittoPub(a, Topics.device(a.deviceId(), DeviceTopic.TELEMETRY), telemetry).exit)
                .as("own telemetry").isZero();
        Poll.until("the server to take A's telemetry", LiveControlPlane.CONNECT,
                () -> loa.device("IT-ACL-A").path("state").path("volume").asInt() == 37);

        double refusedBefore = loa.metric("loa_mqtt_rejected_total", NOT_ALLOWED);
        // mosquitto_pub reports a refused QoS 1 publish as a warning and still exits 0: its output is the verdict
        assertThat(mosquittoPub(a, Topics.device(b.deviceId(), DeviceTopic.TELEMETRY), "{\"v\":1,\"volume\":99}")
                .output).as("publishing as B").contains("Not authorized");
        assertThat(mosquittoPub(a, Topics.device(b.deviceId(), DeviceTopic.COMMAND), "{}").output)
                .as("commanding B").contains("Not authorized");
        assertThat(mosquittoPub(a, Topics.groupCommand("1"), "{}").output).as("commanding a group")
                .contains("Not authorized");
        assertThat(loa.metric("loa_mqtt_rejected_total", NOT_ALLOWED) - refusedBefore).isEqualTo(3);
        assertThat(loa.device("IT-ACL-B").path("state").path("volume").asInt()).isNotEqualTo(99);
    }

    @Test
    void mosquittoSubCannotListenToAnotherDevice() throws Exception {
        Run own = run(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(loa.mqttPort()),
                "-V", "mqttv5", "-i", a.deviceId(), "-u", a.deviceId(), "-P", a.secret(),
                "-t", Topics.device(a.deviceId(), DeviceTopic.COMMAND), "-W", "1"));
        assertThat(own.output).as("the own command topic").doesNotContain("denied");
        for (String filter : List.of(Topics.device(b.deviceId(), DeviceTopic.COMMAND),
                Topics.device(b.deviceId(), DeviceTopic.DESIRED), "loa/v1/dev/+/cmd", "#")) {
            Run sub = run(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(loa.mqttPort()),
                    "-V", "mqttv5", "-i", a.deviceId(), "-u", a.deviceId(), "-P", a.secret(), "-t", filter,
                    "-C", "1", "-W", "5"));
            assertThat(sub.output).as("subscribing to " + filter).contains("All subscription requests were denied");
        }
    }

    @Test
    void pahoSeesSubscriptionRefusalsAsNotAuthorizedAndKeepsItsConnection() throws Exception {
        MqttClient client = loa.connectAs(a);
        try {
            IMqttToken token = client.subscribe(new MqttSubscription[] {
                    new MqttSubscription(Topics.device(a.deviceId(), DeviceTopic.COMMAND), 1),
                    new MqttSubscription(Topics.device(b.deviceId(), DeviceTopic.COMMAND), 1),
                    new MqttSubscription(Topics.groupCommand("42"), 1)});
            int[] codes = token.getReasonCodes();
            assertThat(codes[0]).as("own cmd").isLessThan(0x80);
            assertThat(codes[1]).as("B's cmd").isEqualTo(0x87);
            assertThat(codes[2]).as("a group A is not in").isEqualTo(0x87);
            assertThat(client.isConnected()).isTrue();
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void aPublishOnAnotherDevicesTopicCostsTheConnection() throws Exception {
        MqttClient client = loa.connectAs(a);
        try {
            client.publish(Topics.device(b.deviceId(), DeviceTopic.RESULT),
                    "{\"v\":1,\"id\":\"x\",\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (Exception refused) {
            // Paho reports the PUBACK reason code or the lost connection, depending on which comes first
        }
        Poll.until("the broker to drop the offender", LiveControlPlane.CONNECT, () -> !client.isConnected());
        client.close(true);
    }


    private static Run mosquittoPub(DeviceCredentials device, String topic, String message) throws Exception {
        return run(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(loa.mqttPort()),
                "-V", "mqttv5", "-q", "1", "-i", device.deviceId(), "-u", device.deviceId(), "-P", device.secret(),
                "-t", topic, "-m", message));
    }

    private static Run run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is missing: install Debian's mosquitto-clients"
                    + " (scripts/test does)", e);
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Run(int exit, String output) {
    }
}
