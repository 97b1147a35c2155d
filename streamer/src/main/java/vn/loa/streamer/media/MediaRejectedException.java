package vn.loa.streamer.media;

/** An upload the library refused; the message is plain English an operator can act on. */
public final class MediaRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final MediaRejection reason;

    public MediaRejectedException(MediaRejection reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MediaRejectedException(MediaRejection reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public MediaRejection reason() {
        return reason;
    }
}
