package vn.loa.sim.cli;

import java.util.Locale;
import vn.loa.sim.Fleet;
import vn.loa.sim.FleetStats;
import vn.loa.sim.Phase;
import vn.loa.sim.audio.PlaybackSummary;

/** The one-line status the CLI prints to stderr while it runs, with the message rate since the last line. */
final class LiveSummary {
    private long lastMessages;
    private long lastNanos = System.nanoTime();

    private static String millis(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

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
        PlaybackSummary p = fleet.playbackSummary();
        if (p.sessions() > 0) {
            b.append(String.format(Locale.ROOT, "; playing %d/%d, %d packets, %.2f%% lost, %d late, %d concealed,"
                    + " first audio p50 %s ms, playout offset p99 %s ms", p.playing(), p.sessions(),
                    p.packetsReceived(), p.lossPercent(), p.late(), p.concealed(), millis(p.firstAudioP50Millis()),
                    millis(p.playoutOffsetP99Millis())));
        }
        return b.toString();
    }
}
