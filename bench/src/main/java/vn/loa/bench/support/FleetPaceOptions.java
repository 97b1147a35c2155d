package vn.loa.bench.support;

import picocli.CommandLine.Option;

/** How a benchmark's simulated fleet comes up and how much of it decodes (a picocli mixin). */
public final class FleetPaceOptions {
    @Option(names = "--decode-share", defaultValue = "0.02",
            description = "share of speakers that decode the audio; the others only keep time")
    double decodeShare;

    @Option(names = "--ramp-rate", defaultValue = "300", description = "speakers powered on per second")
    double rampRate;

    public double decodeShare() {
        return decodeShare;
    }

    public double rampRate() {
        return rampRate;
    }
}
