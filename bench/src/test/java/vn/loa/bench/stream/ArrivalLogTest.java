package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrivalLogTest {
    private static final long START = 1_700_000_000_000_000_000L;

    private static final int RECEIVER_0 = (127 << 24) | (1 << 16) | 1;

    /**
     * Records as the C receiver writes them: int64 arrival, uint32 timestamp, uint16 sequence, uint16 zero, uint32
     * destination (here the first receiver, 127.1.0.1).
     */
    private static byte[] records(int count) {
        ByteBuffer b = ByteBuffer.allocate(count * ArrivalLog.RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < count; k++) {
            b.putLong(START + k * 20_000_000L).putInt((int) (0xFFFF_0000L + k * 960L)).putShort((short) (65_530 + k))
                    .putShort((short) 0).putInt(RECEIVER_0);
        }
        return b.array();
    }

    @Test
    void theDestinationAddressBecomesTheReceiverIndexOrMinusOneOutsideTheReceivers(@TempDir Path dir)
            throws IOException {
        ByteBuffer b = ByteBuffer.wrap(records(3)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2 * ArrivalLog.RECORD_BYTES - 4, RECEIVER_0 + 9_999);
        b.putInt(3 * ArrivalLog.RECORD_BYTES - 4, (127 << 24) | 1);   // 127.0.0.1: not one of the receivers
        Path file = Files.write(dir.resolve("arrivals.bin"), b.array());
        List<Integer> receivers = new ArrayList<>();
        ArrivalLog.replay(file, (arrival, timestamp, sequence, receiver) -> receivers.add(receiver));
        assertThat(receivers).containsExactly(0, 9_999, -1);
    }

    @Test
    void everyRecordReachesTheJudgeWithUnsignedTimestampAndSequence(@TempDir Path dir) throws IOException {
        int count = 70_000; // more than one read's worth
        Path file = Files.write(dir.resolve("arrivals.bin"), records(count));
        long[] replayed = new long[1];
        FanoutQuality q = FanoutJudge.judge(judge -> replayed[0] = ArrivalLog.replay(file, judge), 1, 20, START,
                Long.MAX_VALUE);
        assertThat(replayed[0]).isEqualTo(count);
        assertThat(q.frames()).isEqualTo(count);
        assertThat(q.packetsLost()).isZero();
        assertThat(q.onTimeShare()).isEqualTo(1.0);
    }

    @Test
    void aFileEndingInsideARecordIsRefused(@TempDir Path dir) throws IOException {
        byte[] bytes = records(3);
        Path file = Files.write(dir.resolve("arrivals.bin"), Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> FanoutJudge.judge(judge -> ArrivalLog.replay(file, judge), 1, 20, START, 0))
                .isInstanceOf(IOException.class).hasMessageContaining("ends inside a record");
    }
}
