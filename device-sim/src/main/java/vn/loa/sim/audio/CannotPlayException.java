package vn.loa.sim.audio;

/** A play order the speaker cannot carry out; {@link #reason()} is the device protocol's code for it. */
public final class CannotPlayException extends Exception {
    /** The host does not resolve or no UDP socket can be opened. */
    public static final String NETWORK = "network";
    /** The audio output cannot be set up (here: the WAV recording cannot be created). */
    public static final String AUDIO_OUTPUT = "audio-output";

    private final String reason;

    CannotPlayException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
