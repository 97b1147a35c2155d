package vn.loa.controller.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.stream.SourceSpec;

/** A row of {@code broadcasts}: what was asked for, by whom, and how it ended. */
public record BroadcastRecord(String id, String name, SourceSpec source, Map<String, List<String>> targets,
                              Priority priority, Integer volume, String createdBy, Long createdByArea,
                              Instant createdAt, Instant endsAt, Long scheduleId, Instant occurrenceAt,
                              String status, Instant endedAt, String endReason, String endedBy) {
    public static final String ACTIVE = "active";
    public static final String ENDED = "ended";

    /** The stored targets as command targets: devices, then groups, then areas. */
    public List<CommandTarget> targetList() {
        List<CommandTarget> list = new ArrayList<>();
        targets.getOrDefault("devices", List.of()).forEach(id -> list.add(CommandTarget.device(id)));
        targets.getOrDefault("groups", List.of()).forEach(id -> list.add(CommandTarget.group(id)));
        targets.getOrDefault("areas", List.of()).forEach(id -> list.add(CommandTarget.area(id)));
        return list;
    }
}
