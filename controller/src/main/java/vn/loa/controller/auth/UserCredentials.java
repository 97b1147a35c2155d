package vn.loa.controller.auth;

import java.util.Optional;

/** Checks a user's name and password (with lockout); used by the API login and by MQTT service accounts. */
@FunctionalInterface
public interface UserCredentials {
    Optional<Caller> verify(String username, String password);
}
