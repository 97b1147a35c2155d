package vn.loa.broker.util;

import java.nio.ByteBuffer;

public final class ByteBuffers {
    private ByteBuffers() {
    }

    /** The buffer's remaining bytes, copied, leaving the buffer's position untouched. */
    public static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
