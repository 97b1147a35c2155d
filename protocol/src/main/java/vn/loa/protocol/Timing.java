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
    /** Until audio or a sender report arrives, a playing device sends its join again this often. */
    public static final int JOIN_RETRY_SECONDS = 1;
    /** A device that has heard nothing from the stream this long after the play command reports it failed. */
    public static final int JOIN_TIMEOUT_SECONDS = 10;
    /** A receiving device sends an RTCP receiver report this often; it is also its keep-alive towards the streamer. */
    public static final int RECEIVER_REPORT_PERIOD_SECONDS = 5;
    /** The streamer drops a receiver it has not heard from (no join, no report) for this long. */
    public static final int RECEIVER_TIMEOUT_SECONDS = 30;
    /** A playing device that has heard neither RTP nor a sender report this long reports the stream lost. */
    public static final int STREAM_LOST_SECONDS = 15;

    private Timing() {
    }
}
