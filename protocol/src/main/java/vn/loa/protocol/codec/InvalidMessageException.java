package vn.loa.protocol.codec;

/** A message that breaks the contract; the receiver drops it, logs the detail and counts the reason. */
public final class InvalidMessageException extends Exception {
    private final RejectReason reason;

    public InvalidMessageException(RejectReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
