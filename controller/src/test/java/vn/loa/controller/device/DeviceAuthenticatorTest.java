package vn.loa.controller.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.ConnectAttempt;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.PasswordHasher;
import vn.loa.controller.auth.Role;
import vn.loa.controller.auth.UserCredentials;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Command;

class DeviceAuthenticatorTest {
    private static final String KEY = "khoá-cấp-phát-2026";
    private static final Caller APPROVER = new Caller("duyet", Role.APPROVER, null);
    /** The platform's user store is not on this branch: a fixed table of users stands in. */
    private static final Map<String, Caller> USERS = Map.of(
            "monitor", new Caller("monitor", Role.SERVICE, null),
            "admin", new Caller("admin", Role.ADMIN, null),
            "operator", new Caller("operator", Role.OPERATOR, null));
    private static final UserCredentials USER_STORE = (username, password) ->
            "đúng-mật-khẩu".equals(password) ? Optional.ofNullable(USERS.get(username)) : Optional.empty();

    @TempDir
    Path dir;
    private DeviceTestKit kit;
    private DeviceAuthenticator authenticator;
    private String deviceId;
    private String secret;

    @BeforeEach
    void setUp() {
        kit = new DeviceTestKit(dir);
        authenticator = new DeviceAuthenticator(kit.devices, USER_STORE, kit.verified, KEY, kit.clock);
        deviceId = kit.device("AUTH-1", null, DeviceStatus.registered);
        secret = PasswordHasher.newSecret();
        kit.devices.issueCredentials(deviceId, new PasswordHasher(PasswordHasher.DEVICE_ITERATIONS).hash(secret),
                null, null, null, null, kit.clock.instant());
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void acceptsADeviceWithItsOwnSecretOnly() {
        assertThat(connect(deviceId, deviceId, secret)).contains(new BrokerPrincipal.Device(deviceId));
        assertThat(connect(deviceId, deviceId, secret + "x")).isEmpty();
        assertThat(connect(deviceId, deviceId, "")).isEmpty();
        assertThat(connect("sp-someoneelse", deviceId, secret)).isEmpty();
        assertThat(connect(deviceId, deviceId, null)).isEmpty();
    }

    @Test
    void clearsThePasswordItWasGiven() {
        byte[] password = secret.getBytes(StandardCharsets.UTF_8);
        authenticator.authenticate(new ConnectAttempt(deviceId, deviceId, password, "127.0.0.1"));

        assertThat(password).containsOnly(0);
    }

    @Test
    void refusesRevokedAndNotYetActiveDevices() {
        kit.lifecycle.revoke(kit.devices.find(deviceId).orElseThrow(), APPROVER);
        String pending = kit.device("AUTH-2", null, DeviceStatus.pending);

        assertThat(connect(deviceId, deviceId, secret)).isEmpty();
        assertThat(connect(pending, pending, "anything")).isEmpty();
    }

    @Test
    void promotesTheRotatedSecretWhenTheDeviceFirstUsesIt() throws InvalidMessageException {
        kit.live.connected(deviceId, 1, kit.clock.instant());
        kit.lifecycle.rotate(kit.devices.find(deviceId).orElseThrow(), APPROVER);
        String rotated = MessageCodec.decode(kit.publisher.on(Topics.device(deviceId, DeviceTopic.COMMAND)).get(0)
                .payload(), Command.class, PayloadLimits.COMMAND_BYTES).secret();
        String pendingHash = kit.devices.secretsOf(deviceId).orElseThrow().pendingSecretHash();

        assertThat(connect(deviceId, deviceId, secret)).as("the old secret works until the new one is used")
                .isPresent();
        assertThat(connect(deviceId, deviceId, rotated)).contains(new BrokerPrincipal.Device(deviceId));

        assertThat(kit.devices.secretsOf(deviceId).orElseThrow())
                .isEqualTo(new DeviceRepository.Secrets(DeviceStatus.active, pendingHash, null));
        assertThat(connect(deviceId, deviceId, secret)).isEmpty();
        assertThat(connect(deviceId, deviceId, rotated)).isPresent();
    }

    @Test
    void acceptsTheProvisioningKeyForAValidSerialOnly() {
        String user = DeviceAuthenticator.PROVISIONING_USERNAME;
        assertThat(connect("prov-TV-0009", user, KEY)).contains(new BrokerPrincipal.Provisioning("TV-0009"));
        assertThat(connect("prov-TV-0009", user, KEY + " ")).isEmpty();
        assertThat(connect("TV-0009", user, KEY)).isEmpty();
        assertThat(connect("prov-bad serial", user, KEY)).isEmpty();
        assertThat(connect("prov-", user, KEY)).isEmpty();

        DeviceAuthenticator withoutProvisioning =
                new DeviceAuthenticator(kit.devices, USER_STORE, kit.verified, "", kit.clock);
        assertThat(withoutProvisioning.authenticate(new ConnectAttempt("prov-TV-0009", user, new byte[0], "127.0.0.1")))
                .isEmpty();
    }

    @Test
    void acceptsServiceAndAdminAccountsButNoOtherUsers() {
        assertThat(connect("watcher-1", "monitor", "đúng-mật-khẩu")).contains(new BrokerPrincipal.Service("monitor"));
        assertThat(connect("watcher-2", "admin", "đúng-mật-khẩu")).contains(new BrokerPrincipal.Service("admin"));
        assertThat(connect("watcher-3", "operator", "đúng-mật-khẩu")).isEmpty();
        assertThat(connect("watcher-4", "monitor", "sai")).isEmpty();
        assertThat(connect("watcher-5", null, "đúng-mật-khẩu")).isEmpty();
    }

    @Test
    void remembersVerifiedSecretsOnlyWhileTheStoredHashStands() {
        connect(deviceId, deviceId, secret);
        String stored = kit.devices.secretsOf(deviceId).orElseThrow().secretHash();
        assertThat(kit.verified.matches(deviceId, stored, secret)).isTrue();
        assertThat(kit.verified.matches(deviceId, stored, "another")).isFalse();

        String replacement = PasswordHasher.newSecret();
        kit.devices.issueCredentials(deviceId, new PasswordHasher(PasswordHasher.DEVICE_ITERATIONS).hash(replacement),
                null, null, null, null, kit.clock.instant());
        assertThat(connect(deviceId, deviceId, secret)).as("a cached secret no longer counts once the hash changed")
                .isEmpty();
        assertThat(connect(deviceId, deviceId, replacement)).isPresent();
    }

    @Test
    void forgetsCachedSecretsOnRevokeRotateAndReprovision() {
        connect(deviceId, deviceId, secret);
        assertThat(kit.verified.size()).isEqualTo(1);
        kit.live.connected(deviceId, 1, kit.clock.instant());
        kit.lifecycle.rotate(kit.devices.find(deviceId).orElseThrow(), APPROVER);
        assertThat(kit.verified.size()).isZero();

        connect(deviceId, deviceId, secret);
        kit.lifecycle.reprovision(kit.devices.find(deviceId).orElseThrow(), APPROVER);
        assertThat(kit.verified.size()).isZero();
        assertThat(connect(deviceId, deviceId, secret)).isEmpty();

        String other = kit.device("AUTH-3", null, DeviceStatus.registered);
        String otherSecret = PasswordHasher.newSecret();
        kit.devices.issueCredentials(other, new PasswordHasher(PasswordHasher.DEVICE_ITERATIONS).hash(otherSecret),
                null, null, null, null, kit.clock.instant());
        connect(other, other, otherSecret);
        kit.lifecycle.revoke(kit.devices.find(other).orElseThrow(), APPROVER);
        assertThat(kit.verified.size()).isZero();
    }

    private Optional<BrokerPrincipal> connect(String clientId, String username, String password) {
        return authenticator.authenticate(new ConnectAttempt(clientId, username,
                password == null ? null : password.getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
    }
}
