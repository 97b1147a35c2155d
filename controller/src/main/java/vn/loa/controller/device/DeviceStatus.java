package vn.loa.controller.device;

import java.util.Locale;
import java.util.Optional;

/** Where a device is in its life; the wire and database name is the constant's name. */
public enum DeviceStatus {
    /** Imported by an installer, never connected: provisions at once when it first asks. */
    registered,
    /** Asked to provision with a serial nobody imported: waits for an approver. */
    pending,
    /** May connect with its own secret (once issued). */
    active,
    /** An approver refused the pending device. */
    rejected,
    /** Credentials withdrawn: refused and disconnected. */
    revoked;

    public static Optional<DeviceStatus> parse(String text) {
        for (DeviceStatus s : values()) {
            if (s.name().equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
