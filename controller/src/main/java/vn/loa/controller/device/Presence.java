package vn.loa.controller.device;

/** Whether a device is online now, from memory (no database access). */
@FunctionalInterface
public interface Presence {
    boolean isOnline(String deviceId);
}
