package vn.loa.controller.device;

/** One good line of a CSV import, its area resolved. */
public record ImportedDevice(String serial, long areaId, DeviceDetails details) {
}
