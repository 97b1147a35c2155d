package vn.loa.sim.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.loa.protocol.rtp.NtpTime;
import vn.loa.protocol.rtp.ReportBlock;

class ReceptionStatsTest {
    static final long MS = 1_000_000;

    @Test
    void lossCountsAcrossTheSequenceWrapAndFractionIsPerInterval() {
        ReceptionStats stats = new ReceptionStats(48_000, 0);
        int[] sequences = {65_534, 65_535, 0, 2};
        for (int i = 0; i < sequences.length; i++) {
            stats.onPacket(sequences[i], 960L * i, 20 * MS * i);
        }
        assertThat(stats.received()).isEqualTo(4);
        assertThat(stats.lost()).isEqualTo(1);
        ReportBlock first = stats.reportBlock(7, 100 * MS);
        assertThat(first.ssrc()).isEqualTo(7);
        assertThat(first.cumulativeLost()).isEqualTo(1);
        assertThat(first.fractionLost()).isEqualTo(256 / 5);
        assertThat(first.highestSequence()).isEqualTo(0x1_0002L);
        assertThat(stats.reportBlock(7, 200 * MS).fractionLost()).as("nothing new since the last report").isZero();
    }

    @Test
    void jitterFollowsRfc3550() {
        ReceptionStats steady = new ReceptionStats(48_000, 0);
        ReceptionStats shaky = new ReceptionStats(48_000, 0);
        for (int i = 0; i < 200; i++) {
            steady.onPacket(i, 960L * i, 20 * MS * i);
            shaky.onPacket(i, 960L * i, 20 * MS * i + (i % 2) * MS); // every other packet 1 ms (48 units) late
        }
        assertThat(steady.jitter()).isZero();
        assertThat(shaky.jitter()).isBetween(47L, 48L);
    }

    @Test
    void delaySinceLastSenderReportIsInUnitsOf1Over65536Seconds() {
        ReceptionStats stats = new ReceptionStats(48_000, 0);
        stats.onPacket(1, 0, 0);
        assertThat(stats.reportBlock(1, 0).lastSenderReport()).as("no SR yet").isZero();
        long ntp = NtpTime.fromEpochNanos(1_700_000_000_000_000_000L);
        stats.onSenderReport(ntp, 1_000 * MS);
        ReportBlock block = stats.reportBlock(1, 1_500 * MS);
        assertThat(block.lastSenderReport()).isEqualTo(NtpTime.middle32(ntp));
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(32_768);
    }
}
