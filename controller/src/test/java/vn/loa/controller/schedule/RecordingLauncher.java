package vn.loa.controller.schedule;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.broadcast.BroadcastRequest;

/** Stands in for the broadcast service: records each start with the instant it was called. */
final class RecordingLauncher extends StandInLauncher {
    record Start(Instant calledAt, Caller caller, BroadcastRequest request) {
    }

    record End(String broadcastId, String reason, String by) {
    }

    final List<Start> starts = new CopyOnWriteArrayList<>();
    final List<End> ends = new CopyOnWriteArrayList<>();

    @Override
    public String start(Caller caller, BroadcastRequest request) {
        starts.add(new Start(Instant.now(), caller, request));
        return "recorded-" + starts.size();
    }

    @Override
    public void end(String broadcastId, String reason, String by) {
        ends.add(new End(broadcastId, reason, by));
    }

    @Override
    public boolean isActive(String broadcastId) {
        return ends.stream().noneMatch(e -> e.broadcastId().equals(broadcastId));
    }
}
