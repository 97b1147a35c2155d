package vn.loa.broker.auth;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.ClientAuthenticator;
import vn.loa.broker.ConnectAttempt;
import vn.loa.broker.metrics.BrokerMetrics;
import vn.loa.broker.session.ConnectedClients;
import vn.loa.broker.util.ByteBuffers;
import vn.loa.broker.util.RateLimitedWarning;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Checks a connecting client's credentials with the server's {@link ClientAuthenticator} on the
 * {@link AuthenticationPool}, never on a broker thread. Refuses when the answer is empty, when it does not fit the
 * client id, when the authenticator throws, and when it takes longer than the timeout.
 */
public final class AsyncAuthenticator implements SimpleAuthenticator {
    /** Refusals and authenticator failures are logged at debug; a warning summarises them at most this often. */
    public static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(AsyncAuthenticator.class);

    private final RateLimitedWarning refusalWarning = new RateLimitedWarning(WARN_INTERVAL);
    private final RateLimitedWarning failureWarning = new RateLimitedWarning(WARN_INTERVAL);

    private final ClientAuthenticator authenticator;
    private final Executor pool;
    private final Duration timeout;
    private final ConnectedClients clients;
    private final BrokerMetrics metrics;

    public AsyncAuthenticator(ClientAuthenticator authenticator, Executor pool, Duration timeout,
                              ConnectedClients clients, BrokerMetrics metrics) {
        this.authenticator = authenticator;
        this.pool = pool;
        this.timeout = timeout;
        this.clients = clients;
        this.metrics = metrics;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        ConnectionInformation connection = input.getConnectionInformation();
        ConnectAttempt attempt = new ConnectAttempt(connect.getClientId(), connect.getUserName().orElse(null),
                connect.getPassword().map(ByteBuffers::copy).orElse(null),
                ConnectedClients.remoteAddress(connection));
        long willDelaySeconds = connect.getWillPublish().map(WillPublishPacket::getWillDelay).orElse(0L);
        Async<SimpleAuthOutput> async = output.async(timeout, TimeoutFallback.FAILURE,
                ConnackReasonCode.NOT_AUTHORIZED, "Authentication timed out");
        try {
            pool.execute(() -> decide(attempt, connection, willDelaySeconds, async));
        } catch (RejectedExecutionException e) {
            refused(attempt, "too many connects waiting for authentication");
            output.failAuthentication(ConnackReasonCode.SERVER_BUSY, "Too many connects, retry later");
            async.resume();
        }
    }

    private void decide(ConnectAttempt attempt, ConnectionInformation connection, long willDelaySeconds,
                        Async<SimpleAuthOutput> async) {
        try {
            Optional<BrokerPrincipal> principal = timedOut(async) ? Optional.empty() : principalOf(attempt);
            if (timedOut(async)) {
                refused(attempt, "authentication took longer than " + timeout);
                return;
            }
            SimpleAuthOutput output = async.getOutput();
            if (principal.isPresent()) {
                clients.register(connection, attempt.clientId(), principal.get(), willDelaySeconds);
                metrics.authenticated(true);
                output.authenticateSuccessfully();
            } else {
                refused(attempt, "not authorized");
                output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "Not authorized");
            }
        } catch (RuntimeException e) {
            // The broker timed the client out between our check and our answer; it is already refused.
            log.debug("Could not answer the authentication of client '{}': {}", attempt.clientId(), e.toString());
        } finally {
            async.resume();
        }
    }

    private void refused(ConnectAttempt attempt, String reason) {
        metrics.authenticated(false);
        log.debug("Refused client '{}' (user '{}') from {}: {}", attempt.clientId(), attempt.username(),
                attempt.remoteAddress(), reason);
        long refusals = refusalWarning.occurred();
        if (refusals > 0) {
            log.warn("Refused client '{}' (user '{}') from {}: {} ({} refusals since the last warning)",
                    attempt.clientId(), attempt.username(), attempt.remoteAddress(), reason, refusals);
        }
    }

    private Optional<BrokerPrincipal> principalOf(ConnectAttempt attempt) {
        try {
            return authenticator.authenticate(attempt).filter(principal -> fitsClientId(principal, attempt));
        } catch (RuntimeException e) {
            long failures = failureWarning.occurred();
            if (failures > 0) {
                log.error("Authenticator failed for client '{}' from {}; refusing it ({} failures since the last "
                        + "report)", attempt.clientId(), attempt.remoteAddress(), failures, e);
            } else {
                log.debug("Authenticator failed for client '{}': {}", attempt.clientId(), e.toString());
            }
            return Optional.empty();
        }
    }

    /** A device must connect with its own id as client id: the ACL and presence rely on it. */
    private static boolean fitsClientId(BrokerPrincipal principal, ConnectAttempt attempt) {
        if (principal instanceof BrokerPrincipal.Device device && !device.deviceId().equals(attempt.clientId())) {
            log.debug("Device '{}' tried to connect with client id '{}'", device.deviceId(), attempt.clientId());
            return false;
        }
        return true;
    }

    private static boolean timedOut(Async<?> async) {
        return async.getStatus() != Async.Status.RUNNING;
    }
}
