package vn.loa.sim;

import java.time.Duration;

/**
 * Misbehaviour injected into a fleet; everything is off by default. Rates are means per device-hour (events
 * arrive as a Poisson process); shares are fractions of the fleet (0..1), and exactly
 * {@code round(share × count)} speakers, chosen by the fleet's seed, get the trait.
 *
 * @param disconnectsPerHour abrupt link losses (socket closed, no DISCONNECT, so the Will fires if the
 *                           speaker does not come back within the Will delay)
 * @param rebootsPerHour     spontaneous reboots (new boot id)
 * @param slowAckShare       share of speakers that answer every command only after {@code slowAckDelay}
 * @param slowAckDelay       how late the slow speakers answer
 * @param neverAckShare      share of speakers whose command handling is wedged: they take every command off
 *                           the wire and neither apply nor answer it
 */
public record Faults(
        double disconnectsPerHour,
        double rebootsPerHour,
        double slowAckShare,
        Duration slowAckDelay,
        double neverAckShare) {

    public static final Faults NONE = new Faults(0, 0, 0, Duration.ZERO, 0);
    /** More than one event a second per device is a load test of the reconnect path, not a fault. */
    public static final double MAX_EVENTS_PER_HOUR = 3600;

    public Faults {
        requireRate("disconnectsPerHour", disconnectsPerHour);
        requireRate("rebootsPerHour", rebootsPerHour);
        requireShare("slowAckShare", slowAckShare);
        requireShare("neverAckShare", neverAckShare);
        if (slowAckDelay == null || slowAckDelay.isNegative()) {
            throw new IllegalArgumentException("slowAckDelay must be zero or positive");
        }
        if (slowAckShare + neverAckShare > 1) {
            throw new IllegalArgumentException("slowAckShare + neverAckShare must not exceed 1");
        }
    }

    public Faults withDisconnectsPerHour(double rate) {
        return new Faults(rate, rebootsPerHour, slowAckShare, slowAckDelay, neverAckShare);
    }

    public Faults withRebootsPerHour(double rate) {
        return new Faults(disconnectsPerHour, rate, slowAckShare, slowAckDelay, neverAckShare);
    }

    public Faults withSlowAcks(double share, Duration delay) {
        return new Faults(disconnectsPerHour, rebootsPerHour, share, delay, neverAckShare);
    }

    public Faults withNeverAckShare(double share) {
        return new Faults(disconnectsPerHour, rebootsPerHour, slowAckShare, slowAckDelay, share);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= MAX_EVENTS_PER_HOUR)) {
            throw new IllegalArgumentException(name + " must be within 0.." + (int) MAX_EVENTS_PER_HOUR
                    + " per device-hour, was " + rate);
        }
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, was " + share);
        }
    }
}
