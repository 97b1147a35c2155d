package vn.loa.controller.http;

import java.util.Optional;
import vn.loa.controller.auth.Caller;

/** Turns a session token (bearer header, console cookie or {@code ?token=}) into the caller it stands for. */
@FunctionalInterface
public interface TokenAuthenticator {
    Optional<Caller> authenticate(String token);

    /**
     * Whether {@code csrfToken} is the CSRF token of the session behind {@code token}, compared in constant time.
     * Sessions without one (tests' stand-ins) refuse every cookie-authenticated change.
     */
    default boolean csrfMatches(String token, String csrfToken) {
        return false;
    }

    /**
     * Whether the session behind {@code token} is still live, without extending it: a long-lived stream asks again
     * and again, and must not keep an idle session alive by doing so.
     */
    default boolean isLive(String token) {
        return authenticate(token).isPresent();
    }
}
