package vn.loa.bench.stream;

import java.util.List;
import vn.loa.bench.support.PreEncodedTone;
import vn.loa.bench.support.TonePcm;
import vn.loa.streamer.source.FrameSource;
import vn.loa.streamer.source.LivePcmSource;
import vn.loa.streamer.source.MediaFrameSource;

/**
 * The tone the Loa side streams, as the two kinds of source the benchmark compares: live PCM encoded while it
 * plays (20 ms frames, like the GStreamer peer) or a media item encoded once beforehand (60 ms frames, looped).
 */
final class BenchTone implements AutoCloseable {
    /** The live tone is pushed this far ahead of the pacer, so a late feeder tick never starves it. */
    static final int LIVE_HEADROOM_MILLIS = 100;
    static final int LIVE_PUSH_MILLIS = 20;
    /** Length of the pre-encoded tone, played in a loop. */
    static final int MEDIA_SECONDS = 10;

    private final FrameSource source;
    private final RealTimeFeeder feeder;
    private final LivePcmSource live;

    private BenchTone(FrameSource source, RealTimeFeeder feeder, LivePcmSource live) {
        this.source = source;
        this.feeder = feeder;
        this.live = live;
    }

    static BenchTone forFrameMillis(int frameMillis) {
        return switch (frameMillis) {
            case 20 -> live();
            case 60 -> preEncoded();
            default -> throw new IllegalArgumentException("the benchmark streams 20 or 60 ms frames, not " + frameMillis);
        };
    }

    private static BenchTone live() {
        LivePcmSource live = new LivePcmSource("bench tone (live PCM)");
        TonePcm tone = new TonePcm();
        int samplesPerPush = TonePcm.SAMPLE_RATE / 1000 * LIVE_PUSH_MILLIS;
        byte[] headroom = TonePcm.littleEndian(tone.next(TonePcm.SAMPLE_RATE / 1000 * LIVE_HEADROOM_MILLIS));
        live.push(headroom, 0, headroom.length);
        RealTimeFeeder feeder = new RealTimeFeeder("bench-tone-feeder", LIVE_PUSH_MILLIS, () -> {
            byte[] chunk = TonePcm.littleEndian(tone.next(samplesPerPush));
            live.push(chunk, 0, chunk.length);
        });
        return new BenchTone(live, feeder, live);
    }

    private static BenchTone preEncoded() {
        return new BenchTone(new MediaFrameSource("bench tone (pre-encoded)",
                List.of(PreEncodedTone.frames(TonePcm.FREQUENCY_HZ, MEDIA_SECONDS)), true), null, null);
    }

    FrameSource source() {
        return source;
    }

    /** Live audio the source dropped (pushed further ahead of the pacer than it keeps); 0 for the pre-encoded tone. */
    long droppedMillis() {
        return live == null ? 0 : live.droppedMillis();
    }

    @Override
    public void close() {
        if (feeder != null) {
            feeder.close();
        }
        source.close();
    }
}
