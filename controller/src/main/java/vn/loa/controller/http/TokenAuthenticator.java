package vn.loa.controller.http;

import java.util.Optional;
import vn.loa.controller.auth.Caller;

/** Turns a bearer token into the caller it stands for. */
@FunctionalInterface
public interface TokenAuthenticator {
    Optional<Caller> authenticate(String token);
}
