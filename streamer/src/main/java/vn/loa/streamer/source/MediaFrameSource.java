package vn.loa.streamer.source;

import java.util.List;
import vn.loa.streamer.media.MediaLibrary;

/**
 * Pre-encoded frames of one media item or a playlist of them, played in order, optionally looping, from the start or
 * from a position (a broadcast resumed where it was left). Every poll yields the next frame at once; after the last
 * frame of a non-looping playlist the source is {@link SourceHealth#ENDED}.
 */
public final class MediaFrameSource implements FrameSource {

    private final String description;
    private final List<List<byte[]>> items;
    private final boolean loop;
    private final int frameMillis;
    /** Index of the last item that has frames, -1 when none has. */
    private final int lastItem;

    private int item;
    private int frame;
    /** Written by the polling thread, read by the API. */
    private volatile long playedFrames;
    private volatile SourceHealth health;
    private volatile boolean closed;

    /** Items pre-encoded by the {@link MediaLibrary} ({@link MediaLibrary#FRAME_MILLIS} ms frames). */
    public MediaFrameSource(String description, List<List<byte[]>> items, boolean loop) {
        this(description, items, loop, MediaLibrary.FRAME_MILLIS);
    }

    public MediaFrameSource(String description, List<List<byte[]>> items, boolean loop, int frameMillis) {
        this(description, items, loop, frameMillis, 0);
    }

    /**
     * Starts {@code startMillis} into the playlist, rounded down to a whole frame: past the end of a non-looping
     * playlist it has ended at once; a looping one wraps around.
     */
    public MediaFrameSource(String description, List<List<byte[]>> items, boolean loop, int frameMillis,
                            long startMillis) {
        if (frameMillis != 20 && frameMillis != 60) {
            throw new IllegalArgumentException("frames must last 20 or 60 ms, not " + frameMillis);
        }
        if (startMillis < 0) {
            throw new IllegalArgumentException("the start must not be negative, got " + startMillis + " ms");
        }
        this.description = description;
        // copying an unmodifiable list returns it as it is: a reopened source shares its frames
        this.items = items.stream().map(List::copyOf).toList();
        this.loop = loop;
        this.frameMillis = frameMillis;
        int last = this.items.size() - 1;
        while (last >= 0 && this.items.get(last).isEmpty()) {
            last--;
        }
        this.lastItem = last;
        this.health = last < 0 ? SourceHealth.ENDED : SourceHealth.PLAYING;
        if (health == SourceHealth.PLAYING) {
            skip(startMillis / frameMillis);
        }
    }

    /** The same playlist opened afresh at {@code startMillis}, sharing this one's frames. */
    public MediaFrameSource reopenedAt(long startMillis) {
        return new MediaFrameSource(description, items, loop, frameMillis, startMillis);
    }

    /** Moves past {@code frames} frames as if they had been played. */
    private void skip(long frames) {
        long total = items.stream().mapToLong(List::size).sum();
        if (!loop && frames >= total) {
            playedFrames = total;
            health = SourceHealth.ENDED;
            return;
        }
        playedFrames = frames;
        long left = frames % total;
        while (left >= items.get(item).size()) {
            left -= items.get(item).size();
            item++;
        }
        frame = (int) left;
    }

    @Override
    public int frameMillis() {
        return frameMillis;
    }

    @Override
    public byte[] poll() {
        if (closed) {
            throw new IllegalStateException("media source " + description + " is closed");
        }
        if (health == SourceHealth.ENDED) {
            return null;
        }
        while (frame >= items.get(item).size()) {
            frame = 0;
            item++;
            if (item == items.size()) {
                // Only a looping playlist wraps, and it has at least one frame (an empty one starts ENDED).
                item = 0;
            }
        }
        byte[] next = items.get(item).get(frame++);
        playedFrames++;
        if (!loop && item == lastItem && frame == items.get(item).size()) {
            health = SourceHealth.ENDED;
        }
        return next;
    }

    @Override
    public SourceHealth health() {
        return health;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Where the source is in the playlist: milliseconds from its start, across loops, the start offset included. */
    public long positionMillis() {
        return playedFrames * frameMillis;
    }

    @Override
    public void close() {
        closed = true;
        health = SourceHealth.ENDED;
    }
}
