package vn.loa.controller.schedule;

import java.util.List;
import vn.loa.controller.broadcast.Priority;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.stream.SourceSpec;

/**
 * A programme as asked for: a media playlist or a relay, played to targets at a priority (and a volume, null for
 * each speaker's own) on a recurrence.
 *
 * @param areaId the area the schedule belongs to: its users see it, and it plays with that area's scope; null for
 *               the whole installation
 */
public record ScheduleDraft(String name, SourceSpec source, List<CommandTarget> targets, Priority priority,
                            Integer volume, Long areaId, Recurrence recurrence, boolean enabled) {
    public ScheduleDraft {
        targets = List.copyOf(targets);
    }
}
