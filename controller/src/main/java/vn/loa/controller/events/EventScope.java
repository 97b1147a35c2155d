package vn.loa.controller.events;

/**
 * Who may see an event. Events whose data carries {@value #AREA_PATH} (those about one device) reach the users
 * whose area subtree holds that path; every other event (broadcasts, emergencies, alarms not about a device)
 * reaches every user of the console.
 */
public final class EventScope {
    /** The data field naming the area path of what the event is about, such as {@code /1/7/42/}. */
    public static final String AREA_PATH = "areaPath";

    private EventScope() {
    }

    /**
     * @param scopePrefix the user's area path prefix, or null for a user of the whole installation
     * @param areaPath    the event's area path; null when it is about no area in particular
     * @param aboutArea   whether the event is about something placed in areas at all (a device without an area
     *                    has none, and only users of the whole installation see it)
     */
    public static boolean visible(String scopePrefix, String areaPath, boolean aboutArea) {
        if (scopePrefix == null || !aboutArea) {
            return true;
        }
        return areaPath != null && areaPath.startsWith(scopePrefix);
    }
}
