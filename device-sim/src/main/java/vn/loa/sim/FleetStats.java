package vn.loa.sim;

import java.util.Map;

/**
 * A snapshot of a fleet.
 *
 * @param rampMillis time from {@code start()} until every speaker had been online once; -1 until then
 */
public record FleetStats(
        int speakers,
        int connected,
        Map<Phase, Integer> phases,
        long rampMillis,
        long commandsReceived,
        long commandsAnswered,
        long invalidDropped,
        long reconnects,
        long reboots,
        long provisionRequests,
        long messagesIn,
        long messagesOut,
        LatencySamples.Summary commandLatency,
        boolean threadLimitReached) {

    public int inPhase(Phase phase) {
        return phases.getOrDefault(phase, 0);
    }
}
