package vn.loa.protocol.rtp;

/** A join token that must not latch a receiver, with the reason to count. */
public final class InvalidJoinException extends Exception {
    private final JoinRejection rejection;

    public InvalidJoinException(JoinRejection rejection, String message) {
        super(message, null, false, false);
        this.rejection = rejection;
    }

    public JoinRejection rejection() {
        return rejection;
    }
}
