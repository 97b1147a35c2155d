package vn.loa.protocol.message;

import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.srtp.SrtpKey;

/**
 * The SRTP part of a play order: the suite (only {@link SrtpKey#SUITE}), the stream's master key and salt as
 * RFC 4568 inline base64, and the stream's packet index (rollover counter × 65,536 + next sequence number) when the
 * order was made, from which a device that joins late knows the rollover counter of the first packet it receives.
 * The key travels only in the device's own authenticated MQTT session.
 */
public record PlaySrtp(String suite, String key, Long index) {
    /** RFC 3711: the packet index is 48 bits. */
    public static final long MAX_INDEX = (1L << 48) - 1;

    public PlaySrtp(SrtpKey key, long index) {
        this(SrtpKey.SUITE, key.toBase64(), index);
    }

    /** The key, once the order has been validated. */
    public SrtpKey masterKey() {
        return SrtpKey.parse(key);
    }

    @Override
    public String toString() {
        return "PlaySrtp[" + suite + ", key hidden, index " + index + "]";
    }

    void validate() throws InvalidMessageException {
        Check.required("play.srtp.suite", suite);
        if (!SrtpKey.SUITE.equals(suite)) {
            throw Check.invalid("play.srtp.suite must be " + SrtpKey.SUITE);
        }
        Check.required("play.srtp.key", key);
        try {
            SrtpKey.parse(key);
        } catch (IllegalArgumentException e) {
            throw Check.invalid("play.srtp.key: " + e.getMessage());
        }
        Check.required("play.srtp.index", index);
        Check.range("play.srtp.index", index, 0, MAX_INDEX);
    }
}
