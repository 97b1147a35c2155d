package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrivalLogTest {
    private static final long START = 1_700_000_000_000_000_000L;

    /** Records as the C receiver writes them: int64 arrival, uint32 timestamp, uint16 sequence, uint16 zero. */
    private static byte[] records(int count) {
        ByteBuffer b = ByteBuffer.allocate(count * ArrivalLog.RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < count; k++) {
            b.putLong(START + k * 20_000_000L).putInt((int) (0xFFFF_0000L + k * 960L)).putShort((short) (65_530 + k))
                    .putShort((short) 0);
        }
        return b.array();
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
