package vn.loa.controller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.http.ApiException;

/**
 * Finds the other enabled schedules of the same priority that would play on some of the same speakers at the same
 * time within {@link #HORIZON}: between equals the one already playing keeps a speaker, so one of the two would
 * not be heard there.
 */
final class Conflicts {
    /** How far ahead occurrences are compared. */
    static final Duration HORIZON = Duration.ofDays(366);
    /** Speaker ids named in one conflict; the count is always given. */
    static final int MAX_SPEAKERS_LISTED = 20;
    /** Occurrences one schedule can have within the horizon: at most one a day. */
    private static final int MAX_OCCURRENCES = (int) HORIZON.toDays() + 2;
    /** Other schedules' targets are resolved over the whole installation, whoever asks. */
    private static final Caller EVERYWHERE = new Caller(Scheduler.ACTOR, Role.ADMIN, null);

    private final ScheduleRepository schedules;
    private final DeviceTargets targets;
    private final ScheduleSettings settings;

    /** Another schedule in the way: how many speakers both reach (some of their ids) and the first overlap. */
    record Conflict(long schedule, String name, int speakers, List<String> speakerIds, Occurrence firstOverlap) {
    }

    Conflicts(ScheduleRepository schedules, DeviceTargets targets, ScheduleSettings settings) {
        this.schedules = schedules;
        this.targets = targets;
        this.settings = settings;
    }

    /** @param self the schedule being edited, left out; null for a new one */
    List<Conflict> find(Caller caller, Long self, ScheduleDraft draft, Instant now) {
        List<Conflict> found = new ArrayList<>();
        List<Occurrence> mine = occurrences(draft, now);
        Set<String> mySpeakers = null;
        for (Schedule other : schedules.enabled()) {
            if (Long.valueOf(other.id()).equals(self) || other.draft().priority() != draft.priority()) {
                continue;
            }
            Occurrence overlap = firstOverlap(mine, occurrences(other.draft(), now));
            if (overlap == null) {
                continue;
            }
            if (mySpeakers == null) {
                mySpeakers = speakers(caller, draft.targets());
            }
            Set<String> shared = speakers(EVERYWHERE, other.draft().targets());
            shared.retainAll(mySpeakers);
            if (!shared.isEmpty()) {
                found.add(new Conflict(other.id(), other.draft().name(), shared.size(),
                        shared.stream().limit(MAX_SPEAKERS_LISTED).toList(), overlap));
            }
        }
        return found;
    }

    private List<Occurrence> occurrences(ScheduleDraft draft, Instant now) {
        return draft.recurrence().between(now, now.plus(HORIZON), settings.zone(), MAX_OCCURRENCES);
    }

    /** The first stretch of time both lists of windows (each in order) cover, or null. */
    static Occurrence firstOverlap(List<Occurrence> a, List<Occurrence> b) {
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Occurrence x = a.get(i);
            Occurrence y = b.get(j);
            if (x.overlaps(y)) {
                Instant start = x.start().isAfter(y.start()) ? x.start() : y.start();
                Instant end = x.end().isBefore(y.end()) ? x.end() : y.end();
                return new Occurrence(start, end);
            }
            if (x.end().isAfter(y.end())) {
                j++;
            } else {
                i++;
            }
        }
        return null;
    }

    /** The speakers the targets reach now; a device that cannot be configured (retired, pending) reaches none. */
    private Set<String> speakers(Caller caller, List<CommandTarget> list) {
        Set<String> ids = new TreeSet<>();
        for (CommandTarget target : list) {
            try {
                ids.addAll(targets.resolve(caller, target, DeviceTargets.CONFIGURABLE).deviceIds());
            } catch (ApiException e) {
                // gone or not configurable: it plays on nothing, so it conflicts with nothing
            }
        }
        return ids;
    }
}
