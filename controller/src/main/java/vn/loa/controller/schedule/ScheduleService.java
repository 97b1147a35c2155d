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
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.controller.stream.SourceSpec;

/**
 * Programmes on a calendar: create, list, read, replace and delete them, with their targets inside the caller's
 * area, no EMERGENCY, no clash with another schedule of the same priority on the same speakers (unless forced)
 * and none in the quiet hours (unless overridden); every change is audited. Changes reach the {@link Scheduler}
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
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Supplier<BroadcastLauncher> launcher;
    private final ScheduleSettings settings;
    private final Clock clock;
    private final Conflicts conflicts;
    private final Scheduler scheduler;

    /** @param launcher the broadcast service, asked when it is needed (it may be wired in after this) */
    public ScheduleService(Jdbi jdbi, DeviceTargets targets, AreaScopes scopes, AuditLog audit,
                           Supplier<BroadcastLauncher> launcher, ScheduleSettings settings, Clock clock) {
        this.jdbi = jdbi;
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
        ScheduleRequest request = ScheduleRequest.from(body, caller, today());
        ScheduleDraft draft = request.draft();
        check(caller, draft);
        if (schedules.count(Optional.empty()) >= MAX_SCHEDULES) {
            throw new ApiException(429, "too many schedules, delete one first", Map.of("limit", MAX_SCHEDULES));
        }
        List<Conflicts.Conflict> forcedOver = allowedConflicts(caller, null, request);
        boolean quiet = allowedInQuietHours(request);
        long id = schedules.insert(draft, caller.username(), clock.instant());
        audited(caller, "schedule.create", id, draft, forcedOver, quiet);
        scheduler.changed();
        return view(schedules.find(id).orElseThrow());
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
        ScheduleRequest request = ScheduleRequest.from(body, caller, today());
        ScheduleDraft draft = request.draft();
        check(caller, draft);
        List<Conflicts.Conflict> forcedOver = allowedConflicts(caller, id, request);
        boolean quiet = allowedInQuietHours(request);
        schedules.update(id, draft, caller.username(), clock.instant());
        audited(caller, "schedule.update", id, draft, forcedOver, quiet);
        scheduler.changed();
        return view(schedules.find(id).orElseThrow());
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

    /** The schedule, when it belongs to an area the caller covers; 404 otherwise. */
    private Schedule require(Caller caller, long id) {
        Schedule schedule = schedules.find(id).orElseThrow(() -> ApiException.notFound("schedule"));
        Optional<String> scope = scopes.scopePrefix(caller);
        if (scope.isPresent() && !schedules.areaPathOf(id).map(p -> p.startsWith(scope.get())).orElse(false)) {
            throw ApiException.notFound("schedule");
        }
        return schedule;
    }

    /** The area, every target and every media item exist, and lie in the caller's scope. */
    private void check(Caller caller, ScheduleDraft draft) {
        if (draft.areaId() != null) {
            targets.requireVisibleArea(caller, String.valueOf(draft.areaId()));
        } else if (caller.areaId() != null) {
            throw ApiException.notFound("area");
        }
        for (CommandTarget target : draft.targets()) {
            targets.requireVisible(caller, target);
        }
        List<Long> media = new ArrayList<>();
        SourceSpec source = draft.source();
        if (source.media() != null) {
            media.addAll(source.media());
        }
        if (source.fallback() != null) {
            media.add(source.fallback());
        }
        List<Long> known = media.isEmpty() ? List.of() : jdbi.withHandle(h -> h.createQuery(
                "SELECT id FROM media WHERE id IN (<ids>)").bindList("ids", media).mapTo(Long.class).list());
        List<Long> unknown = media.stream().filter(m -> !known.contains(m)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(404, "media not found", Map.of("media", unknown));
        }
    }

    /** The conflicts the request forces its way over; 409 with them when it does not force. */
    private List<Conflicts.Conflict> allowedConflicts(Caller caller, Long self, ScheduleRequest request) {
        if (!request.draft().enabled()) {
            return List.of();
        }
        List<Conflicts.Conflict> found = conflicts.find(caller, self, request.draft(), clock.instant());
        if (!found.isEmpty() && !request.force()) {
            throw ApiException.conflict("the schedule overlaps other schedules of the same priority on the same"
                    + " speakers; send \"force\": true to save it anyway",
                    Map.of("conflicts", ScheduleViews.of(found, settings.zone())));
        }
        return found;
    }

    /** True when the request plays in the quiet hours by override; 422 when it would without one. */
    private boolean allowedInQuietHours(ScheduleRequest request) {
        Recurrence recurrence = request.draft().recurrence();
        Optional<QuietHours> touched = settings.quietHours().filter(q -> q.touches(recurrence.at(),
                recurrence.duration()));
        if (touched.isPresent() && !request.overrideQuietHours()) {
            LocalTime end = recurrence.at().plus(recurrence.duration());
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("quietHours", touched.get().toString());
            detail.put("window", Words.time(recurrence.at()) + "-" + Words.time(end));
            throw new ApiException(422, "the schedule plays in the quiet hours; send \"overrideQuietHours\": true"
                    + " to save it anyway", detail);
        }
        return touched.isPresent();
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
        return ScheduleViews.of(schedule, settings.zone(), clock.instant());
    }
}
