package vn.loa.streamer.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import vn.loa.streamer.opus.OpusEncoder;

/**
 * Muxes already-encoded Opus packets into an Ogg Opus file (RFC 7845) with FFmpeg's ogg muxer, so the file a browser
 * plays holds exactly the packets the speakers get, without encoding twice.
 */
final class OggOpusWriter implements AutoCloseable {

    private static final int PRE_SKIP_OFFSET = 10;

    private AVFormatContext context = new AVFormatContext(null);
    private final AVStream stream;
    private final AVPacket packet = av_packet_alloc();
    private final AVRational sampleTimeBase = new AVRational().num(1).den(OpusEncoder.SAMPLE_RATE);
    private long nextPts;

    /** @param opusHead the encoder's identification header ({@link OpusEncoder#opusHead()}) */
    OggOpusWriter(Path file, byte[] opusHead) throws IOException {
        check(avformat_alloc_output_context2(context, null, "ogg", file.toString()), "set up the Ogg muxer");
        stream = avformat_new_stream(context, null);
        AVCodecParameters parameters = stream.codecpar();
        parameters.codec_type(AVMEDIA_TYPE_AUDIO);
        parameters.codec_id(AV_CODEC_ID_OPUS);
        parameters.sample_rate(OpusEncoder.SAMPLE_RATE);
        av_channel_layout_default(parameters.ch_layout(), 1);
        parameters.initial_padding((opusHead[PRE_SKIP_OFFSET] & 0xff) | (opusHead[PRE_SKIP_OFFSET + 1] & 0xff) << 8);
        BytePointer extradata = new BytePointer(av_mallocz(opusHead.length + AV_INPUT_BUFFER_PADDING_SIZE));
        extradata.put(opusHead);
        parameters.extradata(extradata).extradata_size(opusHead.length);
        stream.time_base(sampleTimeBase);

        AVIOContext io = new AVIOContext(null);
        check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "create " + file);
        context.pb(io);
        check(avformat_write_header(context, (AVDictionary) null), "write the Ogg Opus headers");
    }

    /** Appends one packet holding {@code samples} samples of audio. */
    void append(byte[] opus, int samples) throws IOException {
        try (BytePointer data = new BytePointer(opus)) {
            packet.data(data).size(opus.length);
            packet.stream_index(0);
            packet.pts(av_rescale_q(nextPts, sampleTimeBase, stream.time_base()));
            packet.dts(packet.pts());
            packet.duration(av_rescale_q(samples, sampleTimeBase, stream.time_base()));
            nextPts += samples;
            check(av_write_frame(context, packet), "write an Ogg page");
        } finally {
            packet.data(null).size(0);
        }
    }

    /** Writes the last page; the file is complete only after this. */
    void finish() throws IOException {
        check(av_write_trailer(context), "finish the Ogg file");
    }

    @Override
    public void close() {
        if (context == null) {
            return;
        }
        avio_closep(context.pb());
        avformat_free_context(context);
        context = null;
        av_packet_free(packet);
    }

    private static void check(int result, String what) throws IOException {
        if (result < 0) {
            throw new IOException("FFmpeg could not " + what + " (error " + result + ")");
        }
    }
}
