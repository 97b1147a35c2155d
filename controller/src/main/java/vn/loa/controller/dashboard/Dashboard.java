package vn.loa.controller.dashboard;

import java.util.List;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.broadcast.BroadcastView;

/**
 * {@code GET /api/dashboard} as the console shows it.
 *
 * @param area             the area looked at; null for the whole installation
 * @param totals           the speakers of that area's subtree (of the whole installation, with those in no area)
 * @param areas            the area's children, each with the speakers of its subtree, by name
 * @param activeBroadcasts broadcasts on air that reach the area, newest first (at most {@link #MAX_LISTED})
 * @param emergencies      those of them that are EMERGENCY
 * @param alarms           alarms raised now about the area's speakers or about broadcasts, newest first (at most
 *                         {@link #MAX_LISTED})
 */
public record Dashboard(DashboardArea area, DeviceCounts totals, List<AreaCounts> areas,
                        List<BroadcastView> activeBroadcasts, List<BroadcastView> emergencies, List<Alarm> alarms) {
    /** Broadcasts and alarms listed at most; the full lists are at /api/broadcasts?active=true and /api/alarms. */
    public static final int MAX_LISTED = 100;
}
