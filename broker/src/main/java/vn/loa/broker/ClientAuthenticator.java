package vn.loa.broker;

import java.util.Optional;

/**
 * Decides who a connecting client is. Implemented by the controller against its registry; the broker calls it
 * on its own authentication threads, never on a broker I/O thread, so it may verify a slow hash or read the
 * database.
 */
@FunctionalInterface
public interface ClientAuthenticator {
    /** The principal the client is, or empty to refuse the connection ("not authorized"). */
    Optional<BrokerPrincipal> authenticate(ConnectAttempt attempt);
}
