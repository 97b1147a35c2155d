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
    /** Audio had flowed, then no RTP came for {@link PlaybackSession#SILENCE_TIMEOUT}. */
    SOURCE_SILENT(PlaybackEnd.ENDED, "source-silent"),
    /** No RTP within {@link PlaybackSession#SILENCE_TIMEOUT} of the join, or it stopped before anything played. */
    NO_AUDIO(PlaybackEnd.FAILED, "no-audio"),
    /** RTP came but no RTCP sender report within {@link PlaybackSession#SILENCE_TIMEOUT}: nothing can be timed. */
    NO_SENDER_REPORT(PlaybackEnd.FAILED, "no-sender-report"),
    /** The RTP socket failed. */
    SOCKET_ERROR(PlaybackEnd.FAILED, "socket-error"),
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
