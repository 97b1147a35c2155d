package vn.loa.controller.stream;

import java.util.List;
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
 * @param media    the media items it plays ({@link SourceSpec#playedMedia()} of the source opened: for text to speech,
 *                 of the item the text was spoken into)
 */
record OpenedSource(FrameSource frames, LivePcmSource live, MediaFrameSource playlist, PausableSource control,
                    List<Long> media) {

    static OpenedSource live(LivePcmSource live) {
        return new OpenedSource(live, live, null, null, List.of());
    }

    /** A relay, and the items it plays (its fallback, if any). */
    static OpenedSource streamed(FrameSource frames, List<Long> media) {
        return new OpenedSource(frames, null, null, null, List.copyOf(media));
    }

    /** A playlist of these items that can be held still. */
    static OpenedSource playlist(MediaFrameSource playlist, List<Long> items) {
        PausableSource control = new PausableSource(playlist);
        return new OpenedSource(control, null, playlist, control, List.copyOf(items));
    }
}
