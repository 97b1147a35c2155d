package vn.loa.controller.command;

/** Where one device stands on one command; the wire and database name is the constant's name. */
public enum ResultStatus {
    /** Sent, no answer yet. */
    pending,
    ok,
    /** The device answered that it could not do it, or the broker would not take the message. */
    failed,
    /** No answer before the command expired. */
    timed_out,
    /** The device was offline when the command was issued, so it was not sent. */
    offline
}
