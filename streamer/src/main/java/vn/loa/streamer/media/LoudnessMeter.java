package vn.loa.streamer.media;

import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_link;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.ShortPointer;
import vn.loa.streamer.opus.OpusEncoder;

/**
 * EBU R128 / ITU-R BS.1770 integrated loudness and true peak of 48 kHz mono PCM, measured by FFmpeg's ebur128
 * filter (abuffer -> ebur128 -> abuffersink). The filter publishes its running figures as frame metadata; the
 * last frame's integrated loudness is the whole programme's. Sample peak and all-zero are tracked here.
 */
final class LoudnessMeter implements AutoCloseable {

    /** Integrated loudness of pure silence: ebur128's absolute gate. */
    static final double GATE_LUFS = -70.0;

    private static final String INTEGRATED = "lavfi.r128.I";
    private static final String TRUE_PEAK = "lavfi.r128.true_peak";

    private AVFilterGraph graph;
    private final AVFilterContext source = new AVFilterContext(null);
    private final AVFilterContext sink = new AVFilterContext(null);
    private final AVFrame in = av_frame_alloc();
    private final AVFrame out = av_frame_alloc();
    private long pts;
    private double integratedLufs = GATE_LUFS;
    private double truePeakDbtp = Double.NEGATIVE_INFINITY;
    private int samplePeak;

    LoudnessMeter() {
        graph = avfilter_graph_alloc();
        AVFilterContext meter = new AVFilterContext(null);
        check(avfilter_graph_create_filter(source, avfilter_get_by_name("abuffer"), "pcm",
                "time_base=1/" + OpusEncoder.SAMPLE_RATE + ":sample_rate=" + OpusEncoder.SAMPLE_RATE
                        + ":sample_fmt=s16:channel_layout=mono", null, graph), "create the PCM source");
        check(avfilter_graph_create_filter(meter, avfilter_get_by_name("ebur128"), "meter",
                "metadata=1:peak=true:framelog=quiet", null, graph), "create the ebur128 meter");
        check(avfilter_graph_create_filter(sink, avfilter_get_by_name("abuffersink"), "out", null, null, graph),
                "create the sink");
        check(avfilter_link(source, 0, meter, 0), "link source to meter");
        check(avfilter_link(meter, 0, sink, 0), "link meter to sink");
        check(avfilter_graph_config(graph, null), "configure the graph");
    }

    /** Measures the next {@code count} samples. */
    void accept(short[] samples, int count) {
        for (int i = 0; i < count; i++) {
            samplePeak = Math.max(samplePeak, Math.abs((int) samples[i]));
        }
        in.nb_samples(count);
        in.format(AV_SAMPLE_FMT_S16);
        in.sample_rate(OpusEncoder.SAMPLE_RATE);
        av_channel_layout_default(in.ch_layout(), 1);
        in.pts(pts);
        pts += count;
        check(av_frame_get_buffer(in, 0), "allocate a PCM frame");
        new ShortPointer(in.data(0)).put(samples, 0, count);
        check(av_buffersrc_add_frame_flags(source, in, 0), "feed the meter");
        drain();
    }

    /** Ends the programme and returns its figures. */
    Loudness finish() {
        check(av_buffersrc_add_frame_flags(source, null, 0), "end the programme");
        drain();
        double samplePeakDbfs = samplePeak == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(samplePeak / 32768.0);
        return new Loudness(integratedLufs, Math.max(truePeakDbtp, samplePeakDbfs), samplePeak == 0);
    }

    private void drain() {
        int received;
        while ((received = av_buffersink_get_frame(sink, out)) >= 0) {
            integratedLufs = metadata(INTEGRATED, integratedLufs);
            // ebur128 publishes the peak as a linear amplitude (1.0 = full scale).
            double truePeak = metadata(TRUE_PEAK, 0);
            if (truePeak > 0) {
                truePeakDbtp = Math.max(truePeakDbtp, 20 * Math.log10(truePeak));
            }
            av_frame_unref(out);
        }
        if (received != AVERROR_EAGAIN() && received != AVERROR_EOF) {
            check(received, "read the meter");
        }
    }

    private double metadata(String key, double otherwise) {
        AVDictionaryEntry entry = av_dict_get(out.metadata(), key, null, 0);
        return entry == null ? otherwise : Double.parseDouble(entry.value().getString());
    }

    @Override
    public void close() {
        if (graph != null) {
            avfilter_graph_free(graph);
            graph = null;
            av_frame_free(in);
            av_frame_free(out);
        }
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException("FFmpeg could not " + what + " (error " + result + ")");
        }
    }

    /**
     * @param integratedLufs integrated loudness, {@link #GATE_LUFS} when nothing passed the gate
     * @param truePeakDbtp   highest true (inter-sample) peak, dB relative to full scale
     * @param allZero        every sample was zero
     */
    record Loudness(double integratedLufs, double truePeakDbtp, boolean allZero) {
    }
}
