package vn.loa.protocol.rtp;

/**
 * 64-bit NTP timestamps (seconds since 1900 in the high word, binary fraction in the low word) as RTCP uses them.
 * The seconds word wraps on 2036-02-07; as RFC 4330 section 3 advises, a seconds word with its top bit clear is
 * read as the era after that wrap, so conversions are right from 1968 to 2104.
 */
public final class NtpTime {
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long ERA_SECONDS = 1L << 32;
    private static final long ERA_TOP_BIT = 1L << 31;

    private NtpTime() {
    }

    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + SECONDS_1900_TO_1970;
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long fraction = (nanos << 32) / NANOS_PER_SECOND;
        return (seconds << 32) | fraction;
    }

    public static long toEpochNanos(long ntp) {
        long seconds = ntp >>> 32;
        if ((seconds & ERA_TOP_BIT) == 0) {
            seconds += ERA_SECONDS;
        }
        long fraction = ntp & 0xFFFFFFFFL;
        return (seconds - SECONDS_1900_TO_1970) * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND) >>> 32);
    }

    /** The middle 32 bits, as carried in a report block's LSR field. */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }
}
