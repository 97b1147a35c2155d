package vn.loa.controller.device;

/**
 * A page of the device list. Null filters do not filter.
 *
 * @param scopePrefix the caller's area path prefix, or null for an unscoped caller
 * @param areaPrefix  the path of the area whose subtree is asked for
 * @param search      text searched in serial, name, IMEI and id
 */
public record DeviceQuery(String scopePrefix, String areaPrefix, DeviceStatus status, Long groupId, Boolean online,
                          String search, int limit, long offset) {
}
