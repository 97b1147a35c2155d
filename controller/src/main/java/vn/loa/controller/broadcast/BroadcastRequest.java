package vn.loa.controller.broadcast;

import java.time.Instant;
import java.util.List;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.stream.SourceSpec;

/**
 * What a broadcast is asked to be: a source, targets (devices, groups, area subtrees, mixed), a priority and a
 * window.
 *
 * @param volume       0..100 for the broadcast's duration, null to keep each speaker's own (an emergency plays at
 *                     100 whatever this says)
 * @param endsAt       when the window closes, null for when the source ends or someone stops it
 * @param scheduleId   the schedule whose occurrence this is, null for a broadcast started by hand
 * @param occurrenceAt the occurrence's planned start, with {@code scheduleId}
 * @param startAtMillis where in a media source to start (a scheduled programme resumed after a restart)
 */
public record BroadcastRequest(String name, SourceSpec source, List<CommandTarget> targets, Priority priority,
                               Integer volume, Instant endsAt, Long scheduleId, Instant occurrenceAt,
                               long startAtMillis) {

    /** A broadcast started by hand, from its start. */
    public static BroadcastRequest now(String name, SourceSpec source, List<CommandTarget> targets, Priority priority,
                                       Integer volume, Instant endsAt) {
        return new BroadcastRequest(name, source, targets, priority, volume, endsAt, null, null, 0);
    }
}
