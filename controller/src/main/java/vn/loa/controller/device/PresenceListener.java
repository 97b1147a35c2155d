package vn.loa.controller.device;

/**
 * Told when a device turns online or offline (not on a reconnect within the Will delay). Called on the thread that
 * saw the change, often the broker's: it must return at once.
 */
@FunctionalInterface
public interface PresenceListener {
    PresenceListener NONE = (deviceId, online) -> { };

    void presenceChanged(String deviceId, boolean online);
}
