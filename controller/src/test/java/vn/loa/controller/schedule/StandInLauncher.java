package vn.loa.controller.schedule;

import java.util.Map;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.broadcast.BroadcastLauncher;
import vn.loa.controller.broadcast.BroadcastRequest;
import vn.loa.controller.broadcast.PreparedBroadcast;

/** A launcher for scheduler tests that prepares nothing: a start is whatever {@link #start(Caller, BroadcastRequest)} does. */
abstract class StandInLauncher implements BroadcastLauncher {

    @Override
    public PreparedBroadcast prepare(Caller caller, BroadcastRequest request) {
        return new PreparedBroadcast(caller, request, Map.of(), request.source(), null);
    }

    @Override
    public String start(PreparedBroadcast prepared) {
        return start(prepared.caller(), prepared.request());
    }

    @Override
    public abstract String start(Caller caller, BroadcastRequest request);
}
