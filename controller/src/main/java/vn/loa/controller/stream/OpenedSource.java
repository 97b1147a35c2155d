package vn.loa.controller.stream;

import vn.loa.streamer.source.FrameSource;
import vn.loa.streamer.source.LivePcmSource;
import vn.loa.streamer.source.MediaFrameSource;
import vn.loa.streamer.source.PausableSource;

/**
 * A source opened for a stream, with the handles the controller keeps on it.
 *
 * @param frames   what the stream polls
 * @param live     for a live stream, where PCM is pushed; null otherwise
 * @param playlist for a media stream, the playlist (its position); null otherwise
 * @param control  for a media stream, the pause wrapper that {@code frames} is; null otherwise
 */
record OpenedSource(FrameSource frames, LivePcmSource live, MediaFrameSource playlist, PausableSource control) {

    static OpenedSource live(LivePcmSource live) {
        return new OpenedSource(live, live, null, null);
    }

    static OpenedSource streamed(FrameSource frames) {
        return new OpenedSource(frames, null, null, null);
    }

    /** A playlist that can be held still. */
    static OpenedSource playlist(MediaFrameSource playlist) {
        PausableSource control = new PausableSource(playlist);
        return new OpenedSource(control, null, playlist, control);
    }
}
