package vn.loa.protocol.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Test helper: datagrams written out byte by byte, as RFCs draw them. */
final class Bytes {
    private Bytes() {
    }

    static byte[] of(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(out::put);
        return out.array();
    }

    /** The first {@code length} bytes, in a buffer of their own. */
    static ByteBuffer prefix(byte[] datagram, int length) {
        return ByteBuffer.wrap(Arrays.copyOf(datagram, length));
    }
}
