package vn.loa.controller.dashboard;

/** One child area's row on the dashboard: the area and the speakers of its whole subtree. */
public record AreaCounts(long id, String name, String kind, long total, long online, long offline, long pending) {

    static AreaCounts of(DashboardArea area, DeviceCounts counts) {
        return new AreaCounts(area.id(), area.name(), area.kind(), counts.total(), counts.online(), counts.offline(),
                counts.pending());
    }
}
