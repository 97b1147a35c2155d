package vn.loa.controller.device;

/** Hears the playback events devices report, after the live state has taken them in. Must not block for long. */
@FunctionalInterface
public interface PlaybackEvents {
    void onPlayback(String deviceId, LiveState.Playback playback);
}
