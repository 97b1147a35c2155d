package vn.loa.controller.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import vn.loa.controller.broadcast.Priority;
import vn.loa.controller.stream.SourceSpec;

/** Schedules as the API shows them; occurrence times carry the configured zone's offset (+07:00). */
public final class ScheduleViews {
    /** Upcoming occurrences shown with each schedule. */
    public static final int NEXT_OCCURRENCES = 5;

    private ScheduleViews() {
    }

    public record OccurrenceView(String start, String end) {
        static OccurrenceView of(Occurrence occurrence, ZoneId zone) {
            return new OccurrenceView(occurrence.start().atZone(zone).toOffsetDateTime().toString(),
                    occurrence.end().atZone(zone).toOffsetDateTime().toString());
        }
    }

    public record Description(String vi, String en) {
    }

    /** @param unapprovedMedia items of the source not approved now (withdrawn or deleted since): they will not play */
    public record ScheduleView(long id, String name, SourceSpec source, List<Long> unapprovedMedia, ObjectNode targets,
                               Priority priority, Integer volume, Long areaId, boolean enabled,
                               RecurrenceForm.View recurrence, Description description, String timeZone,
                               List<OccurrenceView> nextOccurrences, String createdBy, Instant createdAt,
                               String updatedBy, Instant updatedAt) {
    }

    public record ConflictView(long schedule, String name, int speakers, List<String> speakerIds,
                               OccurrenceView firstOverlap) {
    }

    static ScheduleView of(Schedule schedule, List<Long> unapprovedMedia, ZoneId zone, Instant now) {
        ScheduleDraft draft = schedule.draft();
        Recurrence recurrence = draft.recurrence();
        List<OccurrenceView> next = draft.enabled() ? recurrence.upcoming(now, zone, NEXT_OCCURRENCES).stream()
                .map(o -> OccurrenceView.of(o, zone)).toList() : List.of();
        return new ScheduleView(schedule.id(), draft.name(), draft.source(), unapprovedMedia,
                StoredJson.targets(draft.targets()), draft.priority(), draft.volume(), draft.areaId(), draft.enabled(),
                RecurrenceForm.view(recurrence), Words.describe(recurrence), zone.getId(), next, schedule.createdBy(),
                schedule.createdAt(), schedule.updatedBy(), schedule.updatedAt());
    }

    static List<ConflictView> of(List<Conflicts.Conflict> conflicts, ZoneId zone) {
        return conflicts.stream().map(c -> new ConflictView(c.schedule(), c.name(), c.speakers(), c.speakerIds(),
                OccurrenceView.of(c.firstOverlap(), zone))).toList();
    }
}
