package vn.loa.sim.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayoutTest {
    static final long MS = 1_000_000;
    static final int SPF = 960;

    /** Frame k: timestamp k * 960, NTP instant k * 20 ms (SR says timestamp 0 is instant 0), delay 100 ms. */
    final Playout playout = new Playout(48_000, SPF, 100 * MS, 5 * MS);
    final List<String> dac = new ArrayList<>();
    final Playout.Dac recorder = new Playout.Dac() {
        @Override
        public void play(long timestamp, byte[] frame, long nowNanos) {
            dac.add("play " + timestamp / SPF);
        }

        @Override
        public void conceal(long timestamp, byte[] next, long nowNanos) {
            dac.add("conceal " + timestamp / SPF + (next == null ? "" : " from next"));
        }

        @Override
        public void pause(long samples) {
            dac.add("pause " + samples / SPF);
        }
    };

    private static long due(int k) {
        return k * 20 * MS + 100 * MS;
    }

    @Test
    void nothingPlaysBeforeTheFirstSenderReport() {
        playout.offer(0, new byte[1], 0);
        playout.playDue(due(5), recorder);
        assertThat(dac).isEmpty();
        assertThat(playout.synced()).isFalse();
    }

    @Test
    void framesPlayAtTheirInstantAndGapsAreConcealed() {
        playout.sync(0, 0);
        assertThat(playout.dueNanos(SPF * 3L)).isEqualTo(due(3));
        for (int k : new int[] {0, 1, 3, 5}) {
            playout.offer((long) k * SPF, new byte[1], 0);
        }
        playout.playDue(due(0) - 1, recorder);
        assertThat(dac).isEmpty();
        playout.playDue(due(2), recorder);
        assertThat(dac).containsExactly("play 0", "play 1", "conceal 2 from next");
        playout.playDue(due(6), recorder);
        assertThat(dac).endsWith("play 3", "conceal 4 from next", "play 5");
        assertThat(playout.concealed()).isEqualTo(2);
        assertThat(dac).as("the buffer ran dry at frame 6: the stream paused, nothing invented").hasSize(6);

        playout.offer(SPF * 20L, new byte[1], due(15));
        playout.playDue(due(20), recorder);
        assertThat(dac).as("after the pause, silence for frames 6..19, then frame 20 at its own instant")
                .endsWith("play 5", "pause 14", "play 20");
        assertThat(playout.concealed()).isEqualTo(2);
    }

    @Test
    void aFrameAfterItsInstantIsLateOneWaitingForTheFirstReportIsSkipped() {
        playout.offer(0, new byte[1], 0); // waits for a sender report
        playout.offer(SPF * 10L, new byte[1], 0);
        playout.sync(0, 0);
        playout.playDue(due(10), recorder);
        assertThat(playout.skipped()).as("frame 0's instant passed while waiting for a report").isEqualTo(1);
        assertThat(playout.late()).isZero();
        assertThat(dac).containsExactly("play 10");
        assertThat(playout.offer(SPF * 11L, new byte[1], due(11) + 6 * MS)).isFalse();
        assertThat(playout.offer(SPF * 9L, new byte[1], due(9))).as("behind the cursor").isFalse();
        assertThat(playout.late()).isEqualTo(2);
    }

    @Test
    void aFullBufferDropsTheExcess() {
        for (int k = 0; k < Playout.MAX_BUFFERED_FRAMES; k++) {
            assertThat(playout.offer((long) k * SPF, new byte[1], 0)).isTrue();
        }
        assertThat(playout.offer((long) Playout.MAX_BUFFERED_FRAMES * SPF, new byte[1], 0)).isFalse();
        assertThat(playout.overflow()).isEqualTo(1);
    }
}
