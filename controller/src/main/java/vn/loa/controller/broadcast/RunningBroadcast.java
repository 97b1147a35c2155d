package vn.loa.controller.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.stream.SourceSpec;

/** A broadcast on air, as the broadcast worker keeps it; touched from that worker only. */
final class RunningBroadcast {
    final BroadcastRecord record;
    /** What the streams play: the record's source with text-to-speech already turned into its media item. */
    final SourceSpec playable;
    final Caller caller;
    final SpeakerArbiter.Claim claim;
    /** The main leg first. */
    final List<Leg> legs = new ArrayList<>();
    /** Devices the targets reach now (area id of each, null for none). */
    final Map<String, Long> claimed = new HashMap<>();
    /** Devices this broadcast holds, and the leg each is on (none when its playlist is over for it). */
    final Map<String, Leg> playingOn = new HashMap<>();
    /** Devices taken by a higher broadcast, and where in the playlist they were then. */
    final Map<String, Long> leftAt = new HashMap<>();
    /** Devices that heard the playlist to its end: not claimed again. */
    final Set<String> finished = new HashSet<>();
    /** The connection each device had when it was last sent a play order, to notice that it reconnected. */
    final Map<String, Instant> toldOnConnection = new HashMap<>();
    ScheduledFuture<?> windowClose;

    RunningBroadcast(BroadcastRecord record, SourceSpec playable, Caller caller, long order) {
        this.record = record;
        this.playable = playable;
        this.caller = caller;
        this.claim = new SpeakerArbiter.Claim(record.id(), record.priority(), order);
    }

    String id() {
        return record.id();
    }

    CommandTarget recordedAs() {
        return CommandTarget.broadcast(record.id());
    }

    Leg main() {
        return legs.get(0);
    }

    boolean isPlaylist() {
        return main().stream.isPlaylist();
    }

    boolean anyLegRunning() {
        return legs.stream().anyMatch(l -> !l.ended);
    }
}
