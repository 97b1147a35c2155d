package vn.loa.controller.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.broadcast.BroadcastLauncher;
import vn.loa.controller.broadcast.OnAirContent;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;

/**
 * Programmes on a calendar: create, list, read, replace and delete them (or check a save without saving), with
 * their targets inside the caller's area, only approved media, no EMERGENCY, no clash with another schedule of the
 * same priority on the same speakers (unless forced) and none in the quiet hours (unless overridden); every change
 * is audited. Changes reach the {@link Scheduler}
 * at once; they affect future occurrences, except a delete, which also ends the occurrence playing. Creates and
 * edits are serialised, so two cannot both pass the conflict check against each other.
 */
public final class ScheduleService implements AutoCloseable {
    /** Schedules in the installation at most. */
    public static final int MAX_SCHEDULES = 1_000;
    /** The longest span {@code GET .../occurrences} expands, and the most occurrences it lists. */
    public static final Duration MAX_OCCURRENCE_SPAN = Duration.ofDays(366);
    public static final int MAX_OCCURRENCES_LISTED = 1_000;
    /** {@code GET .../occurrences} without {@code to} lists this far ahead. */
    static final Duration DEFAULT_OCCURRENCE_SPAN = Duration.ofDays(7);

    private final ScheduleRepository schedules;
    private final ScheduledBroadcasts broadcasts;
    private final DeviceTargets targets;
    private final AreaScopes scopes;
    private final OnAirContent content;
    private final AuditLog audit;
    private final Supplier<BroadcastLauncher> launcher;
    private final ScheduleSettings settings;
    private final Clock clock;
    private final Conflicts conflicts;
    private final Scheduler scheduler;

    /** @param launcher the broadcast service, asked when it is needed (it may be wired in after this) */
    public ScheduleService(Jdbi jdbi, DeviceTargets targets, AreaScopes scopes, OnAirContent content, AuditLog audit,
                           Supplier<BroadcastLauncher> launcher, ScheduleSettings settings, Clock clock) {
        this.content = content;
        this.schedules = new ScheduleRepository(jdbi);
        this.broadcasts = new ScheduledBroadcasts(jdbi);
        this.targets = targets;
        this.scopes = scopes;
        this.audit = audit;
        this.launcher = launcher;
        this.settings = settings;
        this.clock = clock;
        this.conflicts = new Conflicts(schedules, targets, settings);
        this.scheduler = new Scheduler(schedules, broadcasts, launcher, audit, settings, clock);
    }

    /** Starts the scheduler: misfires first, then each occurrence at its instant. */
    public void start() {
        scheduler.start();
    }

    public synchronized ScheduleViews.ScheduleView create(Caller caller, JsonBody body) {
        caller.require(Role.OPERATOR);
        Review review = review(caller, null, body);
        review.refuseProblems();
        if (schedules.count(Optional.empty()) >= MAX_SCHEDULES) {
            throw new ApiException(429, "too many schedules, delete one first", Map.of("limit", MAX_SCHEDULES));
        }
        List<Conflicts.Conflict> forcedOver = allowedConflicts(review);
        boolean quiet = allowedInQuietHours(review);
        ScheduleDraft draft = review.request().draft();
        long id = schedules.insert(draft, caller.username(), clock.instant());
        audited(caller, "schedule.create", id, draft, forcedOver, quiet);
        scheduler.changed();
        return view(schedules.find(id).orElseThrow());
    }

    /**
     * What saving the body would do, saving nothing: the problems that refuse it (each naming its field), the
     * conflicts and quiet hours that need {@code force} or {@code overrideQuietHours}, the recurrence in words and
     * its next starts. With {@code "id"} it is checked as an edit of that schedule.
     */
    public ScheduleCheck check(Caller caller, JsonBody body) {
        caller.require(Role.OPERATOR);
        Long self = body.id("id");
        if (self != null) {
            require(caller, self);
        }
        try {
            return ScheduleCheck.of(review(caller, self, body), settings, clock.instant());
        } catch (ApiException unreadable) {
            if (unreadable.status() != 400) {
                throw unreadable;
            }
            return ScheduleCheck.unreadable(ScheduleProblem.of(unreadable));
        }
    }

    public ListPage<ScheduleViews.ScheduleView> list(Caller caller, String area, Paging page) {
        caller.require(Role.VIEWER);
        Optional<String> prefix = area != null ? Optional.of(targets.requireVisibleArea(caller, area))
                : scopes.scopePrefix(caller);
        List<ScheduleViews.ScheduleView> items = schedules.list(prefix, page.limit(), page.offset()).stream()
                .map(this::view).toList();
        return new ListPage<>(items, schedules.count(prefix));
    }

    public ScheduleViews.ScheduleView get(Caller caller, long id) {
        caller.require(Role.VIEWER);
        return view(require(caller, id));
    }

    /** Replaces the schedule; an occurrence already playing plays on as it started. */
    public synchronized ScheduleViews.ScheduleView update(Caller caller, long id, JsonBody body) {
        caller.require(Role.OPERATOR);
        require(caller, id);
        Review review = review(caller, id, body);
        review.refuseProblems();
        List<Conflicts.Conflict> forcedOver = allowedConflicts(review);
        boolean quiet = allowedInQuietHours(review);
        ScheduleDraft draft = review.request().draft();
        schedules.update(id, draft, caller.username(), clock.instant());
        audited(caller, "schedule.update", id, draft, forcedOver, quiet);
        scheduler.changed();
        return view(schedules.find(id).orElseThrow());
    }

    /**
     * The enabled schedules whose playlist or relay fallback holds the media item and that still have an occurrence
     * to come (or playing now): the item must stay while they may play it.
     */
    public List<Long> schedulesPlaying(long mediaId) {
        Instant now = clock.instant();
        return schedules.enabled().stream()
                .filter(s -> s.draft().source().playedMedia().contains(mediaId))
                .filter(s -> !s.draft().recurrence().upcoming(now.minus(s.draft().recurrence().duration()),
                        settings.zone(), 1).isEmpty())
                .map(Schedule::id)
                .toList();
    }

    /** Deletes the schedule and ends its occurrence playing now, if any. */
    public void delete(Caller caller, long id) {
        caller.require(Role.OPERATOR);
        Schedule schedule = require(caller, id);
        schedules.delete(id);
        scheduler.changed();
        List<String> ended = broadcasts.active(id);
        ended.forEach(broadcast -> launcher.get().end(broadcast, "schedule-deleted", caller.username()));
        audit.record(caller.username(), "schedule.delete", "schedule:" + id, "\"" + schedule.draft().name() + "\""
                + (ended.isEmpty() ? "" : ", ended broadcasts " + ended));
    }

    /** The occurrences whose windows overlap {@code [from, to)}; by default the coming week. */
    public List<ScheduleViews.OccurrenceView> occurrences(Caller caller, long id, Instant from, Instant to) {
        caller.require(Role.VIEWER);
        Schedule schedule = require(caller, id);
        Instant start = from != null ? from : clock.instant();
        Instant end = to != null ? to : start.plus(DEFAULT_OCCURRENCE_SPAN);
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_OCCURRENCE_SPAN) > 0) {
            throw ApiException.badRequest("invalid query parameter", "to must be after from, by at most "
                    + MAX_OCCURRENCE_SPAN.toDays() + " days");
        }
        return schedule.draft().recurrence().between(start, end, settings.zone(), MAX_OCCURRENCES_LISTED).stream()
                .map(o -> ScheduleViews.OccurrenceView.of(o, settings.zone())).toList();
    }

    /** Today in the schedules' zone: a recurrence without a first date starts then. */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.zone());
    }

    @Override
    public void close() {
        scheduler.close();
    }

    /** A request read and weighed: what would be saved, what refuses it, and what needs an override. */
    record Review(ScheduleRequest request, List<ScheduleProblem> problems, List<Conflicts.Conflict> conflicts,
                  Optional<QuietHours> quietHours) {

        /** Throws the first problem's refusal, as a save does. */
        void refuseProblems() {
            if (!problems.isEmpty()) {
                throw problems.get(0).refusal();
            }
        }
    }

    /** The schedule, when it belongs to an area the caller covers; 404 otherwise. */
    private Schedule require(Caller caller, long id) {
        Schedule schedule = schedules.find(id).orElseThrow(() -> ApiException.notFound("schedule"));
        Optional<String> scope = scopes.scopePrefix(caller);
        if (scope.isPresent() && !schedules.areaPathOf(id).map(p -> p.startsWith(scope.get())).orElse(false)) {
            throw ApiException.notFound("schedule");
        }
        return schedule;
    }

    /**
     * A request read (400 when it cannot be) and weighed against every rule of a save.
     *
     * @param self the schedule being edited, null for a new one
     */
    private Review review(Caller caller, Long self, JsonBody body) {
        ScheduleRequest request = ScheduleRequest.from(body, caller, today());
        ScheduleDraft draft = request.draft();
        Recurrence recurrence = draft.recurrence();
        return new Review(request, problems(caller, draft),
                draft.enabled() ? conflicts.find(caller, self, draft, clock.instant()) : List.of(),
                settings.quietHours().filter(q -> q.touches(recurrence.at(), recurrence.duration())));
    }

    /** The area, every target and every media item exist and lie in the caller's scope; the media are approved. */
    private List<ScheduleProblem> problems(Caller caller, ScheduleDraft draft) {
        List<ScheduleProblem> found = new ArrayList<>();
        attempt(found, "areaId", () -> {
            if (draft.areaId() != null) {
                targets.requireVisibleArea(caller, String.valueOf(draft.areaId()));
            } else if (caller.areaId() != null) {
                throw ApiException.notFound("area");
            }
        });
        attempt(found, "targets", () -> draft.targets().forEach(target -> targets.requireVisible(caller, target)));
        attempt(found, "source", () -> content.require(caller, draft.source(), draft.priority()));
        return found;
    }

    /** Runs the rule; its refusal of the request is noted against the field, anything else propagates. */
    private static void attempt(List<ScheduleProblem> found, String field, Runnable rule) {
        try {
            rule.run();
        } catch (ApiException e) {
            if (e.status() < 400 || e.status() >= 500 || e.status() == 401) {
                throw e;
            }
            found.add(new ScheduleProblem(field, e));
        }
    }

    /** The conflicts the request forces its way over; 409 with them when it does not force. */
    private List<Conflicts.Conflict> allowedConflicts(Review review) {
        if (!review.conflicts().isEmpty() && !review.request().force()) {
            throw ApiException.conflict("the schedule overlaps other schedules of the same priority on the same"
                    + " speakers; send \"force\": true to save it anyway",
                    Map.of("conflicts", ScheduleViews.of(review.conflicts(), settings.zone())));
        }
        return review.conflicts();
    }

    /** True when the request plays in the quiet hours by override; 422 when it would without one. */
    private boolean allowedInQuietHours(Review review) {
        Recurrence recurrence = review.request().draft().recurrence();
        if (review.quietHours().isPresent() && !review.request().overrideQuietHours()) {
            LocalTime end = recurrence.at().plus(recurrence.duration());
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("quietHours", review.quietHours().get().toString());
            detail.put("window", Words.time(recurrence.at()) + "-" + Words.time(end));
            throw new ApiException(422, "the schedule plays in the quiet hours; send \"overrideQuietHours\": true"
                    + " to save it anyway", detail);
        }
        return review.quietHours().isPresent();
    }

    private void audited(Caller caller, String action, long id, ScheduleDraft draft,
                         List<Conflicts.Conflict> forcedOver, boolean inQuietHours) {
        String target = "schedule:" + id;
        String detail = "\"" + draft.name() + "\" " + draft.priority() + " " + Words.describe(draft.recurrence()).en()
                + " to " + draft.targets().stream().map(CommandTarget::label).collect(Collectors.joining(", "));
        if (!forcedOver.isEmpty()) {
            detail += "; forced over conflicts with " + forcedOver.stream()
                    .map(c -> "schedule " + c.schedule() + " (" + c.speakers() + " speakers)")
                    .collect(Collectors.joining(", "));
        }
        audit.record(caller.username(), action, target, detail);
        if (inQuietHours) {
            audit.record(caller.username(), "schedule.quiet-hours-override", target, "plays in the quiet hours "
                    + settings.quietHours().orElseThrow() + ": " + Words.describe(draft.recurrence()).en());
        }
    }

    private ScheduleViews.ScheduleView view(Schedule schedule) {
        return ScheduleViews.of(schedule, content.unapproved(schedule.draft().source()), settings.zone(),
                clock.instant());
    }
}
