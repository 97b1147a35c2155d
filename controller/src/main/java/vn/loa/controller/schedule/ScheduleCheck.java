package vn.loa.controller.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code POST /api/schedules/check}: what saving a schedule would meet, saving nothing.
 *
 * @param ok         true when the same body would be saved as it is (conflicts forced, quiet hours overridden)
 * @param errors     what refuses it, each naming its field
 * @param conflicts  other schedules in the way, as the 409 of a save lists them
 * @param quietHours null, or the quiet hours its occurrences play in and the next of those occurrences
 * @param words      its recurrence in plain Vietnamese and English; null when the body cannot be read
 * @param next       its next starts (at most {@link #NEXT}), in the schedules' zone
 */
public record ScheduleCheck(boolean ok, List<ScheduleProblem.View> errors,
                            List<ScheduleViews.ConflictView> conflicts, QuietHoursWarning quietHours,
                            ScheduleViews.Description words, List<String> next) {
    /** Starts listed ahead. */
    public static final int NEXT = 10;

    /** The quiet hours {@code from}-{@code to} ({@code HH:mm}) and the coming occurrences inside them. */
    public record QuietHoursWarning(String from, String to, List<ScheduleViews.OccurrenceView> occurrences) {
    }

    static ScheduleCheck of(ScheduleService.Review review, ScheduleSettings settings, Instant now) {
        ScheduleRequest request = review.request();
        Recurrence recurrence = request.draft().recurrence();
        ZoneId zone = settings.zone();
        List<Occurrence> upcoming = recurrence.upcoming(now, zone, NEXT);
        QuietHoursWarning quiet = review.quietHours().map(q -> new QuietHoursWarning(Words.time(q.start()),
                Words.time(q.end()), upcoming.stream().map(o -> ScheduleViews.OccurrenceView.of(o, zone)).toList()))
                .orElse(null);
        boolean ok = review.problems().isEmpty() && (review.conflicts().isEmpty() || request.force())
                && (quiet == null || request.overrideQuietHours());
        return new ScheduleCheck(ok, review.problems().stream().map(ScheduleProblem::view).toList(),
                ScheduleViews.of(review.conflicts(), zone), quiet, Words.describe(recurrence),
                upcoming.stream().map(o -> o.start().atZone(zone).toOffsetDateTime().toString()).toList());
    }

    /** A body that cannot be read as a schedule: its problem alone. */
    static ScheduleCheck unreadable(ScheduleProblem problem) {
        return new ScheduleCheck(false, List.of(problem.view()), List.of(), null, null, List.of());
    }
}
