package vn.loa.controller.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.ClientAuthenticator;
import vn.loa.broker.ConnectAttempt;
import vn.loa.controller.auth.PasswordHasher;
import vn.loa.controller.auth.Role;
import vn.loa.controller.auth.UserCredentials;
import vn.loa.protocol.Ids;

/**
 * Who an MQTT client is: a speaker asking for credentials with the provisioning key, a speaker with its own
 * secret, or a service/admin account watching the broker. Everyone else is refused. Secrets are never logged.
 */
public final class DeviceAuthenticator implements ClientAuthenticator {
    public static final String PROVISIONING_USERNAME = "provision";
    public static final String PROVISIONING_CLIENT_PREFIX = "prov-";
    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);

    private final DeviceRepository devices;
    private final UserCredentials users;
    private final VerifiedSecrets verified;
    private final byte[] provisioningKey;
    private final Clock clock;

    /** An empty provisioning key turns provisioning off. */
    public DeviceAuthenticator(DeviceRepository devices, UserCredentials users, VerifiedSecrets verified,
                               String provisioningKey, Clock clock) {
        this.devices = devices;
        this.users = users;
        this.verified = verified;
        this.provisioningKey = provisioningKey == null ? new byte[0] : provisioningKey.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public Optional<BrokerPrincipal> authenticate(ConnectAttempt attempt) {
        byte[] password = attempt.password() == null ? new byte[0] : attempt.password();
        try {
            Optional<BrokerPrincipal> principal = decide(attempt.clientId(), attempt.username(), password);
            if (principal.isEmpty()) {
                log.info("MQTT connection refused: client {} user {} from {}", attempt.clientId(), attempt.username(),
                        attempt.remoteAddress());
            }
            return principal;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private Optional<BrokerPrincipal> decide(String clientId, String username, byte[] password) {
        if (username == null || clientId == null) {
            return Optional.empty();
        }
        if (username.equals(PROVISIONING_USERNAME)) {
            return provisioning(clientId, password);
        }
        String secret = new String(password, StandardCharsets.UTF_8);
        if (username.equals(clientId) && Ids.isDeviceId(username)) {
            Optional<DeviceRepository.Secrets> secrets = devices.secretsOf(username);
            if (secrets.isPresent()) {
                return device(username, secrets.get(), secret);
            }
        }
        return users.verify(username, secret)
                .filter(caller -> caller.role() == Role.SERVICE || caller.role() == Role.ADMIN)
                .map(caller -> new BrokerPrincipal.Service(caller.username()));
    }

    private Optional<BrokerPrincipal> provisioning(String clientId, byte[] password) {
        if (provisioningKey.length == 0 || !MessageDigest.isEqual(provisioningKey, password)
                || !clientId.startsWith(PROVISIONING_CLIENT_PREFIX)) {
            return Optional.empty();
        }
        String serial = clientId.substring(PROVISIONING_CLIENT_PREFIX.length());
        return Ids.isSerial(serial) ? Optional.of(new BrokerPrincipal.Provisioning(serial)) : Optional.empty();
    }

    private Optional<BrokerPrincipal> device(String deviceId, DeviceRepository.Secrets secrets, String secret) {
        if (secrets.status() != DeviceStatus.active || secret.isEmpty()) {
            return Optional.empty();
        }
        String current = secrets.secretHash();
        if (current != null && (verified.matches(deviceId, current, secret) || PasswordHasher.matches(secret, current))) {
            verified.remember(deviceId, current, secret);
            return Optional.of(new BrokerPrincipal.Device(deviceId));
        }
        String rotated = secrets.pendingSecretHash();
        if (rotated != null && PasswordHasher.matches(secret, rotated)
                && devices.promotePendingSecret(deviceId, rotated, clock.instant())) {
            verified.remember(deviceId, rotated, secret);
            log.info("device {} confirmed its rotated secret; the old one no longer works", deviceId);
            return Optional.of(new BrokerPrincipal.Device(deviceId));
        }
        return Optional.empty();
    }
}
