package vn.loa.sim.cli;

import java.util.Locale;
import vn.loa.sim.Fleet;
import vn.loa.sim.FleetStats;
import vn.loa.sim.Phase;

/** The one-line status the CLI prints to stderr while it runs, with the message rate since the last line. */
final class LiveSummary {
    private long lastMessages;
    private long lastNanos = System.nanoTime();

    String line(Fleet fleet) {
        FleetStats s = fleet.stats();
        long now = System.nanoTime();
        long messages = s.messagesIn() + s.messagesOut();
        double rate = (messages - lastMessages) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastMessages = messages;
        lastNanos = now;
        StringBuilder b = new StringBuilder();
        if (fleet.startedCount() < s.speakers()) {
            b.append(String.format(Locale.ROOT, "ramping %d/%d started, ", fleet.startedCount(), s.speakers()));
        }
        b.append(String.format(Locale.ROOT, "%d/%d connected, %d provisioning pending, commands %d received/%d acked,"
                        + " %d reconnects, %.0f msg/s", s.connected(), s.speakers(), s.inPhase(Phase.PENDING),
                s.commandsReceived(), s.commandsAnswered(), s.reconnects(), rate));
        int gaveUp = s.inPhase(Phase.REJECTED) + s.inPhase(Phase.REVOKED);
        if (gaveUp > 0) {
            b.append(String.format(Locale.ROOT, ", %d rejected or revoked", gaveUp));
        }
        return b.toString();
    }
}
