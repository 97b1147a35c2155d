package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.loa.controller.it.LiveControlPlane.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import vn.loa.controller.testing.Poll;
import vn.loa.sim.Fleet;
import vn.loa.sim.Phase;
import vn.loa.sim.SimulatedSpeaker;
import vn.loa.sim.provision.CredentialsStore;

/** Provisioning end to end: simulated speakers against the real server and its embedded broker. */
class ProvisioningIT extends LiveControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(20);


    @Test
    void aPreRegisteredSerialIsApprovedAtOnceAndComesOnline() throws Exception {
        loa.importSerials("it-a-1", "IT-KNOWN-1");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-KNOWN-1").build())) {
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            assertThat(speaker.deviceId()).startsWith("sp-");
            Poll.until("the API to show the speaker online", WAIT, () -> loa.online("IT-KNOWN-1"));
            JsonNode device = loa.device("IT-KNOWN-1");
            assertThat(device.get("id").asText()).isEqualTo(speaker.deviceId());
            assertThat(device.get("status").asText()).isEqualTo("active");
            assertThat(device.get("areaId").asLong()).isEqualTo(loa.areaId("it-a-1"));
            assertThat(device.get("credentialsIssuedAt").isNull()).isFalse();
            Poll.until("the birth message in the live state", WAIT,
                    () -> speaker.bootId().equals(loa.device("IT-KNOWN-1").path("state").path("bootId").asText()));
        }
    }

    @Test
    void anUnknownSerialWaitsAsPendingUntilAnOperatorApprovesIt() throws Exception {
        try (Fleet fleet = Fleet.create(loa.fleetOptions("IT-UNKNOWN-1").areaHints(List.of("it-b")).build())) {
            fleet.start();
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            Poll.until("the speaker to be told it is pending", WAIT, () -> speaker.phase() == Phase.PENDING);
            JsonNode pending = loa.device("IT-UNKNOWN-1");
            assertThat(pending.get("status").asText()).isEqualTo("pending");
            assertThat(pending.get("areaHint").asText()).isEqualTo("it-b");

            expect(loa.admin.post("/api/devices/" + pending.get("id").asText() + "/approve",
                    Map.of("areaId", loa.areaId("it-b"))), 200);
            assertThat(fleet.awaitConnected(1, WAIT)).as("online after approval").isTrue();
            assertThat(speaker.deviceId()).isEqualTo(pending.get("id").asText());
        }
    }

    @Test
    void aRejectedSerialIsToldSoAndStops() throws Exception {
        try (Fleet fleet = Fleet.create(loa.fleetOptions("IT-STRANGER-1").build())) {
            fleet.start();
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            Poll.until("pending", WAIT, () -> speaker.phase() == Phase.PENDING);
            String id = loa.device("IT-STRANGER-1").get("id").asText();
            expect(loa.admin.post("/api/devices/" + id + "/reject", Map.of("reason", "không phải loa của xã")), 200);
            Poll.until("the speaker to give up as rejected", WAIT, () -> speaker.phase() == Phase.REJECTED);
            assertThat(loa.device("IT-STRANGER-1").get("status").asText()).isEqualTo("rejected");
        }
    }

    @Test
    void credentialsAreHandedOutOnlyOnce() throws Exception {
        loa.importSerials("it-a-2", "IT-ONCE-1");
        loa.onlineFleet(loa.fleetOptions("IT-ONCE-1").build()).close();
        // the same serial again, as a clone or a factory-reset board without its stored secret
        try (Fleet clone = Fleet.create(loa.fleetOptions("IT-ONCE-1").build())) {
            clone.start();
            SimulatedSpeaker speaker = clone.speakers().get(0);
            Poll.until("the clone to be rejected", WAIT, () -> speaker.phase() == Phase.REJECTED);
            assertThat(speaker.refusal()).contains("already-provisioned");
        }
    }

    @Test
    void aRevokedDeviceIsDisconnectedAtOnceAndRefusedAfterwards() throws Exception {
        loa.importSerials("it-b", "IT-REVOKE-1");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-REVOKE-1").build())) {
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            expect(loa.admin.post("/api/devices/" + speaker.deviceId() + "/revoke", Map.of()), 200);
            Poll.until("the speaker to be cut off and refused", WAIT, () -> speaker.phase() == Phase.REVOKED);
            JsonNode device = loa.device("IT-REVOKE-1");
            assertThat(device.get("status").asText()).isEqualTo("revoked");
            assertThat(device.get("online").asBoolean()).isFalse();
        }
    }

    @Test
    void wrongPasswordsAndWrongProvisioningKeysAreRefused() throws Exception {
        CredentialsStore store = loa.provision("it-a-1", "IT-PASSWORD-1");
        String deviceId = LiveControlPlane.credentials(store, "IT-PASSWORD-1").deviceId();
        double refusedBefore = loa.metric("loa_mqtt_auth_total", "result=\"refused\"");

        assertRefused(deviceId, deviceId, "not-the-secret");
        assertRefused(deviceId, deviceId, "");
        assertRefused("prov-IT-PASSWORD-1", "provision", "not-the-key");
        assertRefused("sp-nobody00000", "sp-nobody00000", "whatever");
        assertRefused("someone", "admin", "wrong admin password");

        assertThat(loa.metric("loa_mqtt_auth_total", "result=\"refused\"") - refusedBefore).isEqualTo(5);
    }

    private static void assertRefused(String clientId, String username, String password) throws Exception {
        MqttClient client = loa.mqttClient(clientId);
        MqttConnectionOptions options = LiveControlPlane.login(username, password);
        try {
            assertThatThrownBy(() -> client.connect(options))
                    .as(username + " with a wrong password")
                    .isInstanceOfSatisfying(MqttException.class,
                            e -> assertThat(e.getReasonCode()).isIn(0x86, 0x87));
        } finally {
            client.close(true);
        }
    }
}
