package vn.loa.bench.support;

import vn.loa.sim.FleetOptions;

/** Checks of a benchmark's settings, shared by the benchmarks that run a simulated fleet in a province. */
public final class SetupChecks {
    private SetupChecks() {
    }

    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Speakers within what the simulator runs, spread over at most {@code maxCommunes} communes (each has one). */
    public static void fleet(int speakers, int communes, int maxCommunes, double rampRate) {
        require(speakers >= 1 && speakers <= FleetOptions.MAX_SPEAKERS,
                "speakers must be within 1.." + FleetOptions.MAX_SPEAKERS + ", was " + speakers);
        require(communes >= 1 && communes <= maxCommunes && communes <= speakers,
                "communes must be within 1.." + maxCommunes + " and at most the speakers, was " + communes);
        require(rampRate > 0 && rampRate <= FleetOptions.MAX_RAMP_RATE,
                "ramp rate must be within (0, " + (int) FleetOptions.MAX_RAMP_RATE + "], was " + rampRate);
    }
}
