package vn.loa.protocol.codec;

import vn.loa.protocol.DeviceTopic;

/**
 * The largest payload accepted per message kind. The broker refuses any MQTT packet over
 * {@link #MAX_PACKET_BYTES} outright; these finer limits drop a message that is larger than its kind needs.
 */
public final class PayloadLimits {
    /** Largest MQTT packet the broker accepts from anyone. */
    public static final int MAX_PACKET_BYTES = 64 * 1024;
    public static final int STATE_BYTES = 2048;
    public static final int TELEMETRY_BYTES = 1024;
    public static final int EVENT_BYTES = 2048;
    public static final int RESULT_BYTES = 1024;
    public static final int PROVISION_REQUEST_BYTES = 1024;
    /** Server-to-device messages are bounded too, so a device can size its buffers. */
    public static final int COMMAND_BYTES = 4096;
    public static final int DESIRED_BYTES = 4096;

    private PayloadLimits() {
    }

    public static int forDeviceTopic(DeviceTopic topic) {
        return switch (topic) {
            case STATE -> STATE_BYTES;
            case TELEMETRY -> TELEMETRY_BYTES;
            case EVENT -> EVENT_BYTES;
            case RESULT -> RESULT_BYTES;
            case COMMAND -> COMMAND_BYTES;
            case DESIRED -> DESIRED_BYTES;
        };
    }
}
