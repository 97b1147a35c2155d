package vn.loa.sim.audio;

/** What a playback tells its speaker; called on an audio loop thread, so it must not block. */
public interface PlaybackListener {
    /** The first frame was handed to the DAC. */
    void started(String streamId);

    void ended(String streamId, PlaybackEnd why);
}
