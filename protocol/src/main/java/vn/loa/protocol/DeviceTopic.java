package vn.loa.protocol;

import java.util.Optional;

/** The last level of a device topic, with who publishes it. */
public enum DeviceTopic {
    STATE("state", true),
    TELEMETRY("tele", true),
    EVENT("evt", true),
    RESULT("res", true),
    COMMAND("cmd", false),
    DESIRED("desired", false);

    private final String level;
    private final boolean fromDevice;

    DeviceTopic(String level, boolean fromDevice) {
        this.level = level;
        this.fromDevice = fromDevice;
    }

    public String level() {
        return level;
    }

    /** True for the topics a device publishes; false for the ones it only subscribes to. */
    public boolean fromDevice() {
        return fromDevice;
    }

    public static Optional<DeviceTopic> fromLevel(String level) {
        for (DeviceTopic t : values()) {
            if (t.level.equals(level)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
