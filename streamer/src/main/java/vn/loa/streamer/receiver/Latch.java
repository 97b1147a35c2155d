package vn.loa.streamer.receiver;

/**
 * What a sound join did to a stream's receivers. {@code receiver} is the device's receiver (null when refused);
 * {@code displaced} is another receiver that had the same address and was removed in its favour (or null).
 */
public record Latch(Outcome outcome, Receiver receiver, Receiver displaced) {

    public enum Outcome {
        /** A device not receiving before now receives. */
        JOINED,
        /** A latched device joined from a new address with a fresh token: it now receives there. */
        MOVED,
        /** The join repeated what is already latched (lost-join retransmits, a fresh token to the same socket). */
        REPEATED,
        /** A used token from another address, or a token the device has since replaced or had revoked. */
        REPLAYED,
        /** The stream has its maximum of receivers. */
        FULL
    }

    static Latch refused(Outcome outcome) {
        return new Latch(outcome, null, null);
    }
}
