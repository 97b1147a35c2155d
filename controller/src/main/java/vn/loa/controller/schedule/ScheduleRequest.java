package vn.loa.controller.schedule;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.broadcast.Priority;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.stream.PlayTargets;
import vn.loa.controller.stream.SourceSpec;

/**
 * The body of {@code POST /api/schedules} and {@code PUT /api/schedules/{id}}: {@code {"name", "source",
 * "targets": {"devices","groups","areas"}, "priority", "volume", "areaId", "recurrence", "enabled", "force",
 * "overrideQuietHours"}}.
 *
 * @param force              save despite conflicts with other schedules (audited)
 * @param overrideQuietHours save although the programme plays in the quiet hours (audited)
 */
record ScheduleRequest(ScheduleDraft draft, boolean force, boolean overrideQuietHours) {
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_VOLUME = 100;
    static final Set<String> FIELDS = Set.of("name", "source", "targets", "priority", "volume", "areaId",
            "recurrence", "enabled", "force", "overrideQuietHours");
    /** A check's body: a create's or an edit's, with the {@code id} of the schedule edited. */
    static final Set<String> CHECK_FIELDS = Stream.concat(FIELDS.stream(), Stream.of("id"))
            .collect(Collectors.toUnmodifiableSet());

    /** Reads the body; a missing area is the caller's own, a missing {@code from} is {@code today}. */
    static ScheduleRequest from(JsonBody body, Caller caller, LocalDate today) {
        String name = body.text("name", MAX_NAME_LENGTH);
        if (name == null) {
            throw ApiException.badRequest("name is required", null);
        }
        SourceSpec source = SourceSpec.fromJson(body.node("source"));
        if (source.type() != SourceSpec.Type.media && source.type() != SourceSpec.Type.relay) {
            throw ApiException.badRequest("invalid field",
                    "source.type of a programme must be media or relay: live and tts sources are broadcast by hand");
        }
        JsonBody targets = body.object("targets", PlayTargets.FIELDS);
        if (targets == null) {
            throw ApiException.badRequest("targets is required: {\"devices\":[..],\"groups\":[..],\"areas\":[..]}",
                    null);
        }
        Priority priority = priority(body.text("priority", 16));
        Integer volume = body.integer("volume");
        if (volume != null && (volume < 0 || volume > MAX_VOLUME)) {
            throw ApiException.badRequest("invalid field", "volume must be within 0.." + MAX_VOLUME);
        }
        Long areaId = body.has("areaId") ? body.id("areaId") : caller.areaId();
        Recurrence recurrence = RecurrenceForm.parse(body.node("recurrence"), today);
        ScheduleDraft draft = new ScheduleDraft(name, source, PlayTargets.from(targets), priority, volume, areaId,
                recurrence, !Boolean.FALSE.equals(body.bool("enabled")));
        return new ScheduleRequest(draft, Boolean.TRUE.equals(body.bool("force")),
                Boolean.TRUE.equals(body.bool("overrideQuietHours")));
    }

    private static Priority priority(String text) {
        if (text == null) {
            return Priority.NORMAL;
        }
        if (text.equals(Priority.EMERGENCY.name())) {
            throw ApiException.badRequest("invalid field",
                    "priority EMERGENCY cannot be scheduled: an emergency is broadcast at once, by hand");
        }
        try {
            return Priority.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid field", "priority must be NORMAL or PRIORITY");
        }
    }
}
