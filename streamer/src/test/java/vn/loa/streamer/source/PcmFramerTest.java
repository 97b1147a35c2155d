package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcmFramerTest {

    private final List<short[]> frames = new ArrayList<>();
    private final PcmFramer framer = new PcmFramer(4, frame -> frames.add(frame.clone()));

    @Test
    void bytesInOddChunksReassembleEverySampleAcrossCalls() {
        short[] samples = {1, -1, 256, -256, Short.MAX_VALUE, Short.MIN_VALUE, 0x1234, -0x1234};
        byte[] bytes = PcmBytes.littleEndian(samples);
        int[] chunkSizes = {1, 3, 2, 5, 1, 4};
        int offset = 0;
        for (int size : chunkSizes) {
            framer.acceptLittleEndian(bytes, offset, size);
            offset += size;
        }
        assertThat(offset).isEqualTo(bytes.length);
        assertThat(frames).containsExactly(
                new short[] {1, -1, 256, -256},
                new short[] {Short.MAX_VALUE, Short.MIN_VALUE, 0x1234, -0x1234});
    }

    @Test
    void aPartialFrameWaitsForMoreSamples() {
        framer.accept(ShortBuffer.wrap(new short[] {1, 2, 3}));
        assertThat(frames).isEmpty();
        framer.accept(ShortBuffer.wrap(new short[] {4, 5, 6, 7, 8, 9}));
        assertThat(frames).containsExactly(new short[] {1, 2, 3, 4}, new short[] {5, 6, 7, 8});
    }

    @Test
    void resetForgetsThePartialFrameAndAPendingOddByte() {
        framer.accept(ShortBuffer.wrap(new short[] {1, 2, 3}));
        framer.acceptLittleEndian(new byte[] {0x7f}, 0, 1);
        framer.reset();
        framer.acceptLittleEndian(PcmBytes.littleEndian(new short[] {10, 11, 12, 13}), 0, 8);
        assertThat(frames).containsExactly(new short[] {10, 11, 12, 13});
    }

    @Test
    void aRangeOutsideTheArrayIsRefusedAndNothingIsConsumed() {
        byte[] bytes = new byte[6];
        assertThatThrownBy(() -> framer.acceptLittleEndian(bytes, 4, 4))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> framer.acceptLittleEndian(bytes, -1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        framer.acceptLittleEndian(PcmBytes.littleEndian(new short[] {1, 2, 3, 4}), 0, 8);
        assertThat(frames).containsExactly(new short[] {1, 2, 3, 4});
    }
}
