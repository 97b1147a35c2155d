package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DroppingFrameQueueTest {

    @Test
    void aFullQueueDropsTheOldestFramesAndCountsThem() {
        DroppingFrameQueue queue = new DroppingFrameQueue(3);
        for (byte i = 1; i <= 5; i++) {
            queue.offer(new byte[] {i});
        }
        assertThat(queue.droppedFrames()).isEqualTo(2);
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.poll()).containsExactly(3);
        assertThat(queue.poll()).containsExactly(4);
        assertThat(queue.poll()).containsExactly(5);
        assertThat(queue.poll()).isNull();
    }

    @Test
    void droppingTheOldestCountsOnlyWhatWasThere() {
        DroppingFrameQueue queue = new DroppingFrameQueue(5);
        for (byte i = 1; i <= 3; i++) {
            queue.offer(new byte[] {i});
        }
        assertThat(queue.dropOldest(2)).isEqualTo(2);
        assertThat(queue.poll()).containsExactly(3);
        assertThat(queue.dropOldest(4)).isZero();
        assertThat(queue.droppedFrames()).isEqualTo(2);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new DroppingFrameQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
