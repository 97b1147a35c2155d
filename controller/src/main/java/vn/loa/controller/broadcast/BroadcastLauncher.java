package vn.loa.controller.broadcast;

import vn.loa.controller.auth.Caller;

/** How the scheduler starts and ends broadcasts; the broadcast service is the one implementation. */
public interface BroadcastLauncher {

    /**
     * Does the slow part of starting ahead of time: checks the request and the caller's rights, finds the speakers,
     * reads the playlist. Close what is returned if it will not be started.
     *
     * @throws vn.loa.controller.http.ApiException when the request is invalid or the caller may not send it
     */
    PreparedBroadcast prepare(Caller caller, BroadcastRequest request);

    /**
     * Puts a prepared broadcast on air at once and arbitrates its speakers.
     *
     * @return the broadcast's id
     */
    String start(PreparedBroadcast prepared);

    /** Prepares and starts at once. */
    default String start(Caller caller, BroadcastRequest request) {
        return start(prepare(caller, request));
    }

    /** Ends a running broadcast; does nothing if it already ended. {@code reason} is recorded (window-closed, ...). */
    void end(String broadcastId, String reason, String by);

    boolean isActive(String broadcastId);
}
