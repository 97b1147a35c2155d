package vn.loa.controller.broadcast;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.loa.controller.stream.SourceSpec;

/**
 * A broadcast as the API shows it.
 *
 * @param onAir    while it is on air: its streams and speakers now; null once ended
 * @param outcomes speakers per proof-of-play outcome (in {@code GET /api/broadcasts/{id}} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BroadcastView(String id, String name, SourceSpec source, Map<String, List<String>> targets,
                            Priority priority, Integer volume, String status, String createdBy, Instant createdAt,
                            Instant endsAt, Long scheduleId, Instant occurrenceAt, Instant endedAt, String endReason,
                            String endedBy, LiveFigures onAir, Map<Outcome, Integer> outcomes) {

    static BroadcastView of(BroadcastRecord r, LiveFigures onAir, Map<Outcome, Integer> outcomes) {
        return new BroadcastView(r.id(), r.name(), r.source(), r.targets(), r.priority(), r.volume(), r.status(),
                r.createdBy(), r.createdAt(), r.endsAt(), r.scheduleId(), r.occurrenceAt(), r.endedAt(), r.endReason(),
                r.endedBy(), onAir, outcomes);
    }
}
