package vn.loa.controller.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.ConnectAttempt;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.device.Device;
import vn.loa.controller.device.DeviceAuthenticator;
import vn.loa.controller.device.DeviceStatus;
import vn.loa.controller.device.DeviceTestKit;
import vn.loa.controller.device.InboundRejections;
import vn.loa.protocol.Timing;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.ProvisionReply;

class ProvisioningServiceTest {
    private static final Caller APPROVER = new Caller("duyet", Role.APPROVER, null);
    @TempDir
    Path dir;
    private DeviceTestKit kit;
    private ProvisioningService service;
    private DeviceAuthenticator authenticator;
    private long commune;

    @BeforeEach
    void setUp() {
        kit = new DeviceTestKit(dir);
        commune = kit.area(null, "XA-07", "Xã Tả Van");
        service = new ProvisioningService(kit.devices, kit.areas, kit.publisher,
                new InboundRejections(kit.meters, kit.clock), kit.audit, kit.meters, kit.clock,
                Timing.PROVISION_RETRY_SECONDS);
        authenticator = new DeviceAuthenticator(kit.devices, (u, p) -> Optional.empty(), kit.verified, "key", kit.clock);
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void aPreRegisteredSerialGetsItsCredentialsAtOnce() throws InvalidMessageException {
        String id = kit.device("TV-0001", commune, DeviceStatus.registered);

        ProvisionReply reply = ask("TV-0001", "{\"v\":1,\"serial\":\"TV-0001\",\"model\":\"LX-30\",\"firmware\":\"1.4.2\","
                + "\"imei\":\"356938035643809\"}");

        assertThat(reply.status()).isEqualTo(ProvisionReply.Status.approved);
        assertThat(reply.deviceId()).isEqualTo(id);
        assertThat(connect(id, reply.secret())).contains(new BrokerPrincipal.Device(id));
        Device device = kit.devices.find(id).orElseThrow();
        assertThat(device.status()).isEqualTo(DeviceStatus.active);
        assertThat(device.firmware()).isEqualTo("1.4.2");
        assertThat(device.details().model()).isEqualTo("LX-30");
        assertThat(device.details().imei()).isEqualTo("356938035643809");
        OutboundMessage sent = kit.publisher.on(Topics.provisionReply("TV-0001")).get(0);
        assertThat(sent.qos()).isEqualTo(1);
        assertThat(sent.retain()).isFalse();
        assertThat(sent.expirySeconds()).isEqualTo(ProvisioningService.REPLY_EXPIRY_SECONDS);
        assertThat(kit.counter("loa.provisioning", "result", "approved")).isEqualTo(1);
        assertThat(kit.auditCount("device.provision")).isEqualTo(1);
    }

    @Test
    void anUnknownSerialWaitsUntilApprovedAndGetsCredentialsOnlyOnce() throws InvalidMessageException {
        ProvisionReply first = ask("NEW-1", "{\"v\":1,\"serial\":\"NEW-1\",\"area\":\"XA-07\"}");

        assertThat(first).isEqualTo(ProvisionReply.pending(Timing.PROVISION_RETRY_SECONDS));
        Device pending = kit.devices.findBySerial("NEW-1").orElseThrow();
        assertThat(pending.status()).isEqualTo(DeviceStatus.pending);
        assertThat(pending.areaHint()).isEqualTo("XA-07");
        assertThat(pending.areaId()).isEqualTo(commune);
        assertThat(ask("NEW-1", "{\"v\":1,\"serial\":\"NEW-1\"}").status()).isEqualTo(ProvisionReply.Status.pending);
        assertThat(kit.devices.findBySerials(List.of("NEW-1"))).hasSize(1);

        kit.lifecycle.approve(pending, null, APPROVER);
        ProvisionReply approved = ask("NEW-1", "{\"v\":1,\"serial\":\"NEW-1\"}");
        ProvisionReply again = ask("NEW-1", "{\"v\":1,\"serial\":\"NEW-1\"}");

        assertThat(approved.status()).isEqualTo(ProvisionReply.Status.approved);
        assertThat(connect(pending.id(), approved.secret())).isPresent();
        assertThat(again).isEqualTo(ProvisionReply.rejected(ProvisioningService.ALREADY_PROVISIONED));
        assertThat(connect(pending.id(), approved.secret())).isPresent();
    }

    @Test
    void keepsAnUnknownAreaHintForTheApprover() throws InvalidMessageException {
        ask("NEW-2", "{\"v\":1,\"serial\":\"NEW-2\",\"area\":\"XA-99\"}");

        Device pending = kit.devices.findBySerial("NEW-2").orElseThrow();
        assertThat(pending.areaId()).isNull();
        assertThat(pending.areaHint()).isEqualTo("XA-99");
    }

    @Test
    void rejectedAndRevokedSerialsAreToldWhy() throws InvalidMessageException {
        String rejected = kit.device("REJ-1", commune, DeviceStatus.pending);
        kit.lifecycle.reject(kit.devices.find(rejected).orElseThrow(), "lạ", APPROVER);
        String revoked = kit.device("REV-1", commune, DeviceStatus.registered);
        ProvisionReply issued = ask("REV-1", "{\"v\":1,\"serial\":\"REV-1\"}");
        kit.lifecycle.revoke(kit.devices.find(revoked).orElseThrow(), APPROVER);

        assertThat(ask("REJ-1", "{\"v\":1,\"serial\":\"REJ-1\"}")).isEqualTo(ProvisionReply.rejected("rejected"));
        assertThat(ask("REV-1", "{\"v\":1,\"serial\":\"REV-1\"}")).isEqualTo(ProvisionReply.rejected("revoked"));
        assertThat(connect(revoked, issued.secret())).isEmpty();
        assertThat(kit.counter("loa.provisioning", "result", "rejected")).isEqualTo(2);
    }

    @Test
    void aReprovisionedDeviceGetsANewSecretAndTheOldOneStopsWorking() throws InvalidMessageException {
        String id = kit.device("LOST-1", commune, DeviceStatus.registered);
        String oldSecret = ask("LOST-1", "{\"v\":1,\"serial\":\"LOST-1\"}").secret();
        assertThat(connect(id, oldSecret)).isPresent();

        kit.lifecycle.reprovision(kit.devices.find(id).orElseThrow(), APPROVER);
        ProvisionReply fresh = ask("LOST-1", "{\"v\":1,\"serial\":\"LOST-1\"}");

        assertThat(fresh.status()).isEqualTo(ProvisionReply.Status.approved);
        assertThat(fresh.secret()).isNotEqualTo(oldSecret);
        assertThat(connect(id, oldSecret)).isEmpty();
        assertThat(connect(id, fresh.secret())).isPresent();
    }

    @Test
    void dropsAndCountsInvalidRequestsWithoutAnswering() {
        kit.device("BAD-1", commune, DeviceStatus.registered);

        service.onProvisionRequest("BAD-1", "{not json".getBytes(StandardCharsets.UTF_8));
        kit.clock.advance(ProvisioningService.MIN_REQUEST_INTERVAL);
        service.onProvisionRequest("BAD-1", "{\"v\":1,\"serial\":\"OTHER-1\"}".getBytes(StandardCharsets.UTF_8));
        kit.clock.advance(ProvisioningService.MIN_REQUEST_INTERVAL);
        service.onProvisionRequest("BAD-1", ("{\"v\":1,\"serial\":\"BAD-1\",\"model\":\""
                + "x".repeat(PayloadLimits.PROVISION_REQUEST_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(kit.publisher.published).isEmpty();
        assertThat(kit.counter("loa.provisioning", "result", "invalid")).isEqualTo(3);
        assertThat(kit.counter("loa.mqtt.rejected", "reason", "malformed-json")).isEqualTo(1);
        assertThat(kit.counter("loa.mqtt.rejected", "reason", "invalid-field")).isEqualTo(1);
        assertThat(kit.counter("loa.mqtt.rejected", "reason", "too-large")).isEqualTo(1);
        assertThat(kit.devices.find(kit.devices.findBySerial("BAD-1").orElseThrow().id()).orElseThrow().status())
                .isEqualTo(DeviceStatus.registered);
        assertThat(kit.devices.findBySerial("OTHER-1")).isEmpty();
    }

    @Test
    void answersOneRequestPerSerialPerInterval() throws InvalidMessageException {
        byte[] request = "{\"v\":1,\"serial\":\"FAST-1\"}".getBytes(StandardCharsets.UTF_8);
        service.onProvisionRequest("FAST-1", request);
        kit.clock.advance(ProvisioningService.MIN_REQUEST_INTERVAL.minus(Duration.ofMillis(1)));
        service.onProvisionRequest("FAST-1", request);
        service.onProvisionRequest("OTHER-2", "{\"v\":1,\"serial\":\"OTHER-2\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(kit.publisher.on(Topics.provisionReply("FAST-1"))).hasSize(1);
        assertThat(kit.publisher.on(Topics.provisionReply("OTHER-2"))).hasSize(1);
        assertThat(kit.counter("loa.provisioning", "result", "rate-limited")).isEqualTo(1);

        kit.clock.advance(Duration.ofMillis(1));
        service.onProvisionRequest("FAST-1", request);
        assertThat(kit.publisher.on(Topics.provisionReply("FAST-1"))).hasSize(2);
    }

    /** Sends a request as the broker would, after the rate-limit interval, and decodes the reply. */
    private ProvisionReply ask(String serial, String json) throws InvalidMessageException {
        kit.clock.advance(ProvisioningService.MIN_REQUEST_INTERVAL);
        int before = kit.publisher.on(Topics.provisionReply(serial)).size();
        service.onProvisionRequest(serial, json.getBytes(StandardCharsets.UTF_8));
        List<OutboundMessage> replies = kit.publisher.on(Topics.provisionReply(serial));
        assertThat(replies).hasSize(before + 1);
        return MessageCodec.decode(replies.get(before).payload(), ProvisionReply.class, PayloadLimits.COMMAND_BYTES);
    }

    private Optional<BrokerPrincipal> connect(String deviceId, String secret) {
        return authenticator.authenticate(new ConnectAttempt(deviceId, deviceId,
                secret.getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
    }
}
