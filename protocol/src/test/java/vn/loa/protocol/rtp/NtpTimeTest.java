package vn.loa.protocol.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NtpTimeTest {
    private static final long NANOS = 1_000_000_000L;
    /** 1970-01-01 is 2,208,988,800 s after the NTP epoch of 1900-01-01. */
    private static final long UNIX_EPOCH_IN_NTP = 0x83AA7E80L << 32;

    @Test
    void theUnixEpochIs2208988800NtpSeconds() {
        assertThat(NtpTime.fromEpochNanos(0)).isEqualTo(UNIX_EPOCH_IN_NTP);
        assertThat(NtpTime.toEpochNanos(UNIX_EPOCH_IN_NTP)).isZero();
    }

    @Test
    void theFractionIsABinaryFractionOfASecond() {
        assertThat(NtpTime.fromEpochNanos(NANOS / 2)).isEqualTo(UNIX_EPOCH_IN_NTP | 0x8000_0000L);
        assertThat(NtpTime.fromEpochNanos(NANOS / 4)).isEqualTo(UNIX_EPOCH_IN_NTP | 0x4000_0000L);
        assertThat(NtpTime.fromEpochNanos(1)).isEqualTo(UNIX_EPOCH_IN_NTP | 4);
        assertThat(NtpTime.fromEpochNanos(NANOS - 1)).isEqualTo(UNIX_EPOCH_IN_NTP | 0xFFFF_FFFBL);
        assertThat(NtpTime.toEpochNanos(UNIX_EPOCH_IN_NTP | 0xC000_0000L)).isEqualTo(750_000_000L);
    }

    @Test
    void aKnownInstantHasItsSecondsAndFraction() {
        Instant instant = Instant.parse("2026-11-21T21:50:09.25Z");
        long ntp = NtpTime.fromEpochNanos(epochNanos(instant));
        assertThat(ntp >>> 32).isEqualTo(instant.getEpochSecond() + 2_208_988_800L);
        assertThat(ntp & 0xFFFF_FFFFL).isEqualTo(0x4000_0000L);
    }

    @Test
    void aRoundTripLosesLessThanOneNanosecondAtAnyInstant() {
        SplittableRandom random = new SplittableRandom(3550);
        long from = epochNanos(Instant.parse("1970-01-01T00:00:00Z"));
        long to = epochNanos(Instant.parse("2100-01-01T00:00:00Z"));
        for (int i = 0; i < 100_000; i++) {
            long nanos = random.nextLong(from, to);
            assertThat(NtpTime.toEpochNanos(NtpTime.fromEpochNanos(nanos))).as("%d ns", nanos)
                    .isBetween(nanos - 1, nanos);
        }
    }

    @Test
    void laterInstantsNeverMapToEarlierTimestampsWithinAnEra() {
        long start = epochNanos(Instant.parse("2026-11-21T21:50:09Z"));
        long previous = NtpTime.fromEpochNanos(start);
        for (long nanos = start + 1; nanos < start + 2_000; nanos++) {
            long ntp = NtpTime.fromEpochNanos(nanos);
            assertThat(Long.compareUnsigned(ntp, previous)).isGreaterThanOrEqualTo(0);
            previous = ntp;
        }
    }

    @Test
    void theSecondsWordWrapsIn2036AndReadsBackInTheNextEra() {
        Instant wrap = Instant.parse("2036-02-07T06:28:16Z");
        assertThat(NtpTime.fromEpochNanos(epochNanos(wrap))).isZero();
        assertThat(NtpTime.fromEpochNanos(epochNanos(wrap) - NANOS)).isEqualTo(0xFFFF_FFFFL << 32);
        for (Instant instant : new Instant[] {wrap, wrap.minusNanos(1), Instant.parse("2040-05-01T12:00:00.5Z"),
            Instant.parse("2104-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z")}) {
            long nanos = epochNanos(instant);
            assertThat(NtpTime.toEpochNanos(NtpTime.fromEpochNanos(nanos))).as("%s", instant)
                    .isBetween(nanos - 1, nanos);
        }
    }

    @Test
    void middle32IsWhatAReportBlockEchoesAsLastSenderReport() {
        assertThat(NtpTime.middle32(0x0123_4567_89AB_CDEFL)).isEqualTo(0x4567_89ABL);
        assertThat(NtpTime.middle32(0xFFFF_FFFF_FFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL);
        long ntp = NtpTime.fromEpochNanos(epochNanos(Instant.parse("2026-11-21T21:50:09.5Z")));
        assertThat(NtpTime.middle32(ntp) >>> 16).isEqualTo((ntp >>> 32) & 0xFFFF);
        assertThat(NtpTime.middle32(ntp) & 0xFFFF).isEqualTo(0x8000);
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * NANOS + instant.getNano();
    }
}
