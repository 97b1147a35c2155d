package vn.loa.streamer.testaudio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;

/** Decodes Opus packets back to 48 kHz mono PCM with FFmpeg's own Opus decoder, independent of libopus' encoder. */
public final class OpusDecoding {

    private OpusDecoding() {
    }

    /** Decodes the packets in order; the result holds every decoded sample, one list entry per packet. */
    public static List<short[]> decode(List<byte[]> packets) {
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_OPUS);
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.sample_rate(48_000);
        av_channel_layout_default(context.ch_layout(), 1);
        if (avcodec_open2(context, codec, (AVDictionary) null) < 0) {
            throw new IllegalStateException("cannot open the Opus decoder");
        }
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        List<short[]> out = new ArrayList<>();
        try {
            for (byte[] opus : packets) {
                BytePointer data = new BytePointer(opus);
                packet.data(data).size(opus.length);
                if (avcodec_send_packet(context, packet) < 0) {
                    throw new IllegalStateException("the Opus decoder refused a packet of " + opus.length + " bytes");
                }
                int received;
                while ((received = avcodec_receive_frame(context, frame)) >= 0) {
                    out.add(samples(frame));
                    av_frame_unref(frame);
                }
                if (received != AVERROR_EAGAIN()) {
                    throw new IllegalStateException("the Opus decoder failed: " + received);
                }
                packet.data(null).size(0);
                data.close();
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(context);
        }
        return out;
    }

    /** All packets decoded and concatenated. */
    public static short[] decodeAll(List<byte[]> packets) {
        List<short[]> chunks = decode(packets);
        int total = chunks.stream().mapToInt(c -> c.length).sum();
        short[] pcm = new short[total];
        int at = 0;
        for (short[] chunk : chunks) {
            System.arraycopy(chunk, 0, pcm, at, chunk.length);
            at += chunk.length;
        }
        return pcm;
    }

    private static short[] samples(AVFrame frame) {
        int n = frame.nb_samples();
        short[] pcm = new short[n];
        int format = frame.format();
        if (format == AV_SAMPLE_FMT_FLT || format == AV_SAMPLE_FMT_FLTP) {
            float[] f = new float[n];
            new FloatPointer(frame.data(0)).get(f);
            for (int i = 0; i < n; i++) {
                pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(f[i] * 32768.0)));
            }
        } else if (format == AV_SAMPLE_FMT_S16) {
            new ShortPointer(frame.data(0)).get(pcm);
        } else {
            throw new IllegalStateException("unexpected decoded sample format " + format);
        }
        return pcm;
    }
}
