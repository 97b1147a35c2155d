package vn.loa.sim.audio;

/**
 * Why a playback ended, and the device event that says so on {@code .../evt} (the enum's {@link #detail()} is
 * the event's {@code detail}).
 */
public enum PlaybackEnd {
    /** A {@code stop} command for this stream. */
    STOPPED(PlaybackEnd.ENDED, "stopped"),
    /** A {@code play} command for another stream took the speaker. */
    REPLACED(PlaybackEnd.ENDED, "replaced"),
    /** Neither RTP nor a sender report within {@link PlaybackSession#JOIN_TIMEOUT} of the play command. */
    JOIN_TIMEOUT(PlaybackEnd.FAILED, "join-timeout"),
    /** Neither RTP nor a sender report for {@link PlaybackSession#STREAM_LOST}; also a socket that failed. */
    STREAM_LOST(PlaybackEnd.FAILED, "stream-lost"),
    /**
     * RTP but no sender report for {@link PlaybackSession#SENDER_REPORT_TIMEOUT}: the frames cannot be placed in
     * time. Not in the device protocol's list (the streamer always sends a report when it latches a device).
     */
    NO_SENDER_REPORT(PlaybackEnd.FAILED, "no-sender-report"),
    /** {@link PlaybackSession#MAX_UNDECODABLE_IN_A_ROW} frames in a row did not decode. */
    DECODER_ERROR(PlaybackEnd.FAILED, "decoder-error"),
    /** The speaker was switched off, rebooted, or the fleet closed: no event (the device is going away). */
    DEVICE_OFF(null, "device-off");

    public static final String STARTED = "playback-started";
    public static final String ENDED = "playback-ended";
    public static final String FAILED = "playback-failed";

    private final String event;
    private final String detail;

    PlaybackEnd(String event, String detail) {
        this.event = event;
        this.detail = detail;
    }

    /** The event name, or null when none is published. */
    public String event() {
        return event;
    }

    public String detail() {
        return detail;
    }
}
