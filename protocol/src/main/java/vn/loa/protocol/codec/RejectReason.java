package vn.loa.protocol.codec;

/** Why an inbound message was dropped; also the label of the rejected-messages counter. */
public enum RejectReason {
    TOO_LARGE("too-large"),
    MALFORMED_JSON("malformed-json"),
    UNSUPPORTED_VERSION("unsupported-version"),
    INVALID_FIELD("invalid-field"),
    UNKNOWN_TOPIC("unknown-topic"),
    UNKNOWN_COMMAND("unknown-command"),
    NOT_ALLOWED("not-allowed"),
    /** The inbound queue was full: the server is overloaded and sheds load rather than block the broker. */
    OVERLOADED("overloaded");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
