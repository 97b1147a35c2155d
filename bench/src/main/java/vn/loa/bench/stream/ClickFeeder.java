package vn.loa.bench.stream;

import java.util.ArrayList;
import java.util.List;
import vn.loa.bench.support.TonePcm;
import vn.loa.sim.audio.EpochClock;
import vn.loa.streamer.source.LivePcmSource;

/**
 * Plays the console's part for the latency measure: pushes 20 ms of PCM every 20 ms in real time, silence
 * unless clicking, then a short tone burst at the start of one chunk a second, remembering when each was pushed
 * (on the simulator's clock, which the speaker's playout instants use too).
 */
final class ClickFeeder implements AutoCloseable {
    static final int CHUNK_MILLIS = 20;
    static final int CLICK_EVERY_MILLIS = 1_000;
    static final int CLICK_MILLIS = 5;

    private final LivePcmSource source;
    private final RealTimeFeeder pusher;
    private final List<Long> clickPushes = new ArrayList<>();
    private final List<Long> queuedAtClicks = new ArrayList<>();
    private final byte[] silence = new byte[2 * samples(CHUNK_MILLIS)];
    private final byte[] click;
    private int clicksLeft;
    private long chunks;

    ClickFeeder(LivePcmSource source) {
        this.source = source;
        short[] chunk = new short[samples(CHUNK_MILLIS)];
        System.arraycopy(new TonePcm().next(samples(CLICK_MILLIS)), 0, chunk, 0, samples(CLICK_MILLIS));
        this.click = TonePcm.littleEndian(chunk);
        this.pusher = new RealTimeFeeder("bench-click-feeder", CHUNK_MILLIS, this::pushChunk);
    }

    private static int samples(int millis) {
        return TonePcm.SAMPLE_RATE / 1000 * millis;
    }

    /** Starts clicking: {@code count} clicks, one a second. */
    synchronized void click(int count) {
        clicksLeft = count;
    }

    synchronized List<Long> clickPushes() {
        return List.copyOf(clickPushes);
    }

    /** Audio already waiting in the source, ahead of each click, when it was pushed (ms). */
    synchronized List<Long> queuedAtClicks() {
        return List.copyOf(queuedAtClicks);
    }

    private synchronized void pushChunk() {
        boolean clickNow = clicksLeft > 0 && chunks % (CLICK_EVERY_MILLIS / CHUNK_MILLIS) == 0;
        chunks++;
        byte[] chunk = clickNow ? click : silence;
        long now = EpochClock.nowNanos();
        long queued = source.queuedMillis();
        source.push(chunk, 0, chunk.length);
        if (clickNow) {
            clickPushes.add(now);
            queuedAtClicks.add(queued);
            clicksLeft--;
        }
    }

    @Override
    public void close() {
        pusher.close();
    }
}
