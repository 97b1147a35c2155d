package vn.loa.sim.audio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every playback event as "event stream detail" text, in order. */
final class RecordingListener implements PlaybackListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void started(String streamId) {
        events.add(PlaybackEnd.STARTED + " " + streamId);
    }

    @Override
    public void ended(String streamId, PlaybackEnd why) {
        events.add(why.event() + " " + streamId + " " + why.detail());
    }
}
