package vn.loa.streamer.source;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** PCM samples as the bytes a live pusher sends: signed 16-bit little-endian. */
final class PcmBytes {

    private PcmBytes() {
    }

    static byte[] littleEndian(short[] samples) {
        ByteBuffer buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(samples);
        return buffer.array();
    }
}
