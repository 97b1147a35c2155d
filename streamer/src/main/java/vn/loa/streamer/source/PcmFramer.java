package vn.loa.streamer.source;

import java.nio.ShortBuffer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts a stream of 16-bit mono samples, arriving in chunks of any size, into frames of a fixed sample count. A
 * little-endian byte stream may split a sample across two chunks: the odd byte waits for its partner.
 * Not thread-safe.
 */
final class PcmFramer {

    private final short[] frame;
    private final Consumer<short[]> frameSink;
    private int filled;
    private int pendingLowByte = -1;

    /** {@code frameSink} receives the same array for every frame: it must consume it before returning. */
    PcmFramer(int samplesPerFrame, Consumer<short[]> frameSink) {
        if (samplesPerFrame <= 0) {
            throw new IllegalArgumentException("samples per frame must be positive, got " + samplesPerFrame);
        }
        this.frame = new short[samplesPerFrame];
        this.frameSink = Objects.requireNonNull(frameSink, "frameSink");
    }

    /** Signed 16-bit little-endian samples; {@code length} may be odd. */
    void acceptLittleEndian(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int index = offset;
        int end = offset + length;
        if (pendingLowByte >= 0 && index < end) {
            add(pendingLowByte | (bytes[index++] << 8));
            pendingLowByte = -1;
        }
        for (; index + 1 < end; index += 2) {
            add((bytes[index] & 0xff) | (bytes[index + 1] << 8));
        }
        if (index < end) {
            pendingLowByte = bytes[index] & 0xff;
        }
    }

    /** Consumes every remaining sample of the buffer. */
    void accept(ShortBuffer samples) {
        while (samples.hasRemaining()) {
            int count = Math.min(samples.remaining(), frame.length - filled);
            samples.get(frame, filled, count);
            filled += count;
            emitIfFull();
        }
    }

    /** Drops a partial frame and a pending odd byte, for a new stream after a reconnect. */
    void reset() {
        filled = 0;
        pendingLowByte = -1;
    }

    private void add(int sample) {
        frame[filled++] = (short) sample;
        emitIfFull();
    }

    private void emitIfFull() {
        if (filled == frame.length) {
            filled = 0;
            frameSink.accept(frame);
        }
    }
}
