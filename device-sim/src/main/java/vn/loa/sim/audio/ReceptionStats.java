package vn.loa.sim.audio;

import vn.loa.protocol.rtp.NtpTime;
import vn.loa.protocol.rtp.ReportBlock;

/**
 * RFC 3550 reception accounting for one source: expected and lost packets from the extended highest sequence
 * number (appendix A.3), interarrival jitter (A.8) and the last sender report, all that a report block needs.
 * Used from one thread.
 */
final class ReceptionStats {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final WrapAround sequences = new WrapAround(16);
    private final int clockRate;
    private final long originNanos;
    private long baseSequence;
    private long highestSequence;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private long lastSenderReportMiddle;
    private long lastSenderReportNanos = -1;

    /** @param originNanos any instant before the first packet; arrival times are measured from it */
    ReceptionStats(int clockRate, long originNanos) {
        this.clockRate = clockRate;
        this.originNanos = originNanos;
    }

    void onPacket(int sequence, long extendedTimestamp, long arrivalNanos) {
        long extended = sequences.extend(sequence);
        long transit = (arrivalNanos - originNanos) * clockRate / NANOS_PER_SECOND - extendedTimestamp;
        if (received == 0) {
            baseSequence = extended;
            highestSequence = extended;
        } else {
            highestSequence = Math.max(highestSequence, extended);
            jitter += (Math.abs(transit - lastTransit) - jitter) / 16;
        }
        lastTransit = transit;
        received++;
    }

    void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSenderReportMiddle = NtpTime.middle32(ntpTimestamp);
        lastSenderReportNanos = arrivalNanos;
    }

    long received() {
        return received;
    }

    /** Packets expected but never received; never negative (duplicates do not make up for losses here). */
    long lost() {
        return Math.max(0, expected() - received);
    }

    /** Interarrival jitter in RTP timestamp units. */
    long jitter() {
        return (long) jitter;
    }

    private long expected() {
        return received == 0 ? 0 : highestSequence - baseSequence + 1;
    }

    /** The report block for the next RR; starts a new interval for the fraction lost. */
    ReportBlock reportBlock(long sourceSsrc, long nowNanos) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long delaySinceLast = lastSenderReportNanos < 0 ? 0
                : (nowNanos - lastSenderReportNanos) * 65_536 / NANOS_PER_SECOND;
        int cumulativeLost = (int) Math.min(Integer.MAX_VALUE, expected - received);
        return new ReportBlock(sourceSsrc, Math.min(255, fraction), cumulativeLost, highestSequence & 0xFFFFFFFFL,
                jitter(), lastSenderReportMiddle, delaySinceLast & 0xFFFFFFFFL);
    }
}
