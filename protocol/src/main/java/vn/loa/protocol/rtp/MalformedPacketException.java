package vn.loa.protocol.rtp;

/** A datagram that is not a well-formed packet of the kind expected; the receiver drops and counts it. */
public final class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
