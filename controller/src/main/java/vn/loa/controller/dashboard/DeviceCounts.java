package vn.loa.controller.dashboard;

/**
 * Speakers of an area (or of the whole installation) by state: {@code online} and {@code offline} count those that
 * may play (active, or imported and not yet connected), {@code pending} those waiting for an approver; rejected and
 * revoked devices are not counted. {@code total} is the sum of the three.
 */
public record DeviceCounts(long total, long online, long offline, long pending) {
    static final DeviceCounts NONE = new DeviceCounts(0, 0, 0, 0);

    DeviceCounts plus(DeviceState state) {
        return new DeviceCounts(total + 1, online + (state == DeviceState.ONLINE ? 1 : 0),
                offline + (state == DeviceState.OFFLINE ? 1 : 0), pending + (state == DeviceState.PENDING ? 1 : 0));
    }

    /** What a speaker counts as. */
    enum DeviceState { ONLINE, OFFLINE, PENDING }
}
