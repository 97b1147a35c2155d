package vn.loa.streamer.opus;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.ShortPointer;

/**
 * One libopus encoder (through FFmpeg's avcodec API): 48 kHz mono signed 16-bit PCM in, one Opus packet per frame
 * out. It owns one native context, released by {@link #close()}; it is not thread-safe, so confine each instance to
 * the thread that feeds it.
 */
public final class OpusEncoder implements AutoCloseable {

    public static final int SAMPLE_RATE = 48_000;

    private final int samplesPerFrame;
    private AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private long nextPts;

    public OpusEncoder(OpusSettings settings) {
        AVCodec codec = avcodec_find_encoder_by_name("libopus");
        if (codec == null) {
            throw new IllegalStateException("this FFmpeg build has no libopus encoder");
        }
        samplesPerFrame = SAMPLE_RATE * settings.frameMillis() / 1000;
        context = avcodec_alloc_context3(codec);
        context.sample_rate(SAMPLE_RATE);
        context.sample_fmt(AV_SAMPLE_FMT_S16);
        av_channel_layout_default(context.ch_layout(), 1);
        context.bit_rate(settings.bitrate());
        context.time_base().num(1).den(SAMPLE_RATE);

        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "frame_duration", Integer.toString(settings.frameMillis()), 0);
        av_dict_set(options, "fec", settings.inbandFec() ? "1" : "0", 0);
        av_dict_set(options, "packet_loss", Integer.toString(settings.expectedLossPercent()), 0);
        int opened = avcodec_open2(context, codec, options);
        av_dict_free(options);
        if (opened < 0) {
            avcodec_free_context(context);
            throw new IllegalStateException("libopus refused the settings " + settings + " (error " + opened + ")");
        }

        frame = av_frame_alloc();
        frame.nb_samples(samplesPerFrame);
        frame.format(AV_SAMPLE_FMT_S16);
        frame.sample_rate(SAMPLE_RATE);
        av_channel_layout_copy(frame.ch_layout(), context.ch_layout());
        check(av_frame_get_buffer(frame, 0), "allocate the PCM frame");
        packet = av_packet_alloc();
    }

    /** PCM samples one frame takes: 960 at 20 ms, 2,880 at 60 ms. */
    public int samplesPerFrame() {
        return samplesPerFrame;
    }

    /**
     * The identification header (RFC 7845 "OpusHead": channels, pre-skip, input rate) that a container such as Ogg
     * needs ahead of this encoder's packets.
     */
    public byte[] opusHead() {
        ensureOpen();
        byte[] head = new byte[context.extradata_size()];
        context.extradata().get(head);
        return head;
    }

    /** Encodes exactly {@link #samplesPerFrame()} samples of {@code pcm} from {@code offset} into one Opus packet. */
    public byte[] encode(short[] pcm, int offset) {
        ensureOpen();
        if (offset < 0 || pcm.length - offset < samplesPerFrame) {
            throw new IllegalArgumentException("a frame needs " + samplesPerFrame + " samples from offset " + offset
                    + " but the array holds " + pcm.length);
        }
        check(av_frame_make_writable(frame), "make the PCM frame writable");
        new ShortPointer(frame.data(0)).put(pcm, offset, samplesPerFrame);
        frame.pts(nextPts);
        nextPts += samplesPerFrame;
        check(avcodec_send_frame(context, frame), "send PCM to libopus");
        check(avcodec_receive_packet(context, packet), "receive the Opus packet");
        try {
            byte[] opus = new byte[packet.size()];
            packet.data().get(opus);
            return opus;
        } finally {
            av_packet_unref(packet);
        }
    }

    @Override
    public void close() {
        if (context == null) {
            return;
        }
        drain();
        avcodec_free_context(context);
        context = null;
        av_frame_free(frame);
        av_packet_free(packet);
    }

    /** Ends the stream so libopus hands back (and we drop) its look-ahead instead of warning about it. */
    private void drain() {
        if (avcodec_send_frame(context, null) < 0) {
            return;
        }
        while (avcodec_receive_packet(context, packet) >= 0) {
            av_packet_unref(packet);
        }
    }

    private void ensureOpen() {
        if (context == null) {
            throw new IllegalStateException("the Opus encoder is closed");
        }
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException("libopus could not " + what + " (error " + result + ")");
        }
    }
}
