package vn.loa.protocol.rtp;

import java.nio.ByteBuffer;

/**
 * One reception report (RFC 3550 section 6.4.1) about the source {@code ssrc}. {@code jitter} is in RTP timestamp
 * units; {@code lastSenderReport} is the middle 32 bits of the last SR's NTP time, {@code delaySinceLastSenderReport}
 * in units of 1/65536 s. The 32-bit fields are kept as their unsigned wire values (a negative or larger long is
 * reduced modulo 2^32), so a block read back equals the block written.
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSequence, long jitter,
                          long lastSenderReport, long delaySinceLastSenderReport) {
    static final int SIZE = 24;
    private static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;
    private static final int MIN_CUMULATIVE_LOST = -0x800000;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost must be within 0..255");
        }
        cumulativeLost = Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, cumulativeLost));
        ssrc &= 0xFFFFFFFFL;
        highestSequence &= 0xFFFFFFFFL;
        jitter &= 0xFFFFFFFFL;
        lastSenderReport &= 0xFFFFFFFFL;
        delaySinceLastSenderReport &= 0xFFFFFFFFL;
    }

    /** Share of packets lost since the previous report, 0.0 to 1.0. */
    public double lossShare() {
        return fractionLost / 256.0;
    }

    void writeTo(ByteBuffer out) {
        out.putInt((int) ssrc);
        out.putInt((fractionLost << 24) | (cumulativeLost & 0xFFFFFF));
        out.putInt((int) highestSequence);
        out.putInt((int) jitter);
        out.putInt((int) lastSenderReport);
        out.putInt((int) delaySinceLastSenderReport);
    }

    static ReportBlock readFrom(ByteBuffer in) {
        long ssrc = in.getInt() & 0xFFFFFFFFL;
        int lossWord = in.getInt();
        int cumulative = (lossWord << 8) >> 8;
        return new ReportBlock(ssrc, lossWord >>> 24, cumulative, in.getInt() & 0xFFFFFFFFL,
                in.getInt() & 0xFFFFFFFFL, in.getInt() & 0xFFFFFFFFL, in.getInt() & 0xFFFFFFFFL);
    }
}
