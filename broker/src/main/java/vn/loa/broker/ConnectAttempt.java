package vn.loa.broker;

/**
 * What a client presented on CONNECT. The password is a copy the authenticator may keep or clear.
 *
 * @param remoteAddress the peer's IP address as text, for logs and lockout
 */
public record ConnectAttempt(String clientId, String username, byte[] password, String remoteAddress) {
}
