package vn.loa.protocol;

/** The timing rules of the device contract (docs/device-protocol.md). */
public final class Timing {
    /** A device publishes telemetry this often unless configured otherwise. */
    public static final int DEFAULT_TELEMETRY_PERIOD_SECONDS = 30;
    /** MQTT keep-alive a device should use. */
    public static final int KEEP_ALIVE_SECONDS = 60;
    /** Will delay a device should set on its {@code state} Will: a shorter outage is a blip, not offline. */
    public static final int DEFAULT_WILL_DELAY_SECONDS = 30;
    /** The broker caps a device's Will delay at this. */
    public static final int MAX_WILL_DELAY_SECONDS = 300;
    /** A command not answered within this is timed out, unless the operator gave another expiry. */
    public static final int DEFAULT_COMMAND_EXPIRY_SECONDS = 30;
    /** Longest expiry an operator may give a command. */
    public static final int MAX_COMMAND_EXPIRY_SECONDS = 3600;
    /** A pending device asks again after this long (the server may say otherwise in {@code retryAfter}). */
    public static final int PROVISION_RETRY_SECONDS = 60;
    /** First and longest reconnect back-off; a device doubles its wait, with jitter, between these. */
    public static final int RECONNECT_MIN_SECONDS = 1;
    public static final int RECONNECT_MAX_SECONDS = 120;

    private Timing() {
    }
}
