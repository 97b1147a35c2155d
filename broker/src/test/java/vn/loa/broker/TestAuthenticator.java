package vn.loa.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Username/password pairs mapped to principals, plus two misbehaving users: {@link #THROWING} makes the
 * authenticator throw and {@link #STALLING} makes it block until released.
 */
final class TestAuthenticator implements ClientAuthenticator {
    static final String THROWING = "throwing-user";
    static final String STALLING = "stalling-user";

    private record Account(String password, BrokerPrincipal principal) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    final CountDownLatch stall = new CountDownLatch(1);
    final Map<String, String> threadsByUser = new ConcurrentHashMap<>();

    TestAuthenticator add(String username, String password, BrokerPrincipal principal) {
        accounts.put(username, new Account(password, principal));
        return this;
    }

    @Override
    public Optional<BrokerPrincipal> authenticate(ConnectAttempt attempt) {
        String username = attempt.username();
        if (username == null) {
            return Optional.empty();
        }
        threadsByUser.put(username, Thread.currentThread().getName());
        if (THROWING.equals(username)) {
            throw new IllegalStateException("registry unavailable");
        }
        if (STALLING.equals(username)) {
            awaitStall();
            return Optional.of(new BrokerPrincipal.Service(username));
        }
        Account account = accounts.get(username);
        String password = attempt.password() == null ? null
                : new String(attempt.password(), StandardCharsets.UTF_8);
        return account != null && account.password().equals(password) ? Optional.of(account.principal())
                : Optional.empty();
    }

    private void awaitStall() {
        try {
            stall.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
