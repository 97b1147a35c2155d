package vn.loa.controller.broadcast;

import vn.loa.controller.auth.Caller;

/** How the scheduler starts and ends broadcasts; the broadcast service is the one implementation. */
public interface BroadcastLauncher {

    /**
     * Starts a broadcast at once and arbitrates its speakers.
     *
     * @return the broadcast's id
     * @throws vn.loa.controller.http.ApiException when the request is invalid or the caller may not send it
     */
    String start(Caller caller, BroadcastRequest request);

    /** Ends a running broadcast; does nothing if it already ended. {@code reason} is recorded (window-closed, ...). */
    void end(String broadcastId, String reason, String by);

    boolean isActive(String broadcastId);
}
