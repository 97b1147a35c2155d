package vn.loa.streamer.media;

import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import vn.loa.streamer.opus.OpusEncoder;

/**
 * One decoding pass over an upload with javacv's FFmpegFrameGrabber, resampled to 48 kHz mono signed 16-bit. It
 * refuses what the library does not take when it opens, and after the pass it tells a corrupt or truncated file
 * from a good one (see {@link DecodeSummary#check}).
 */
final class UploadDecoder implements AutoCloseable {

    private final FFmpegFrameGrabber grabber;
    private final UploadFormat format;
    private final FfmpegLog.ErrorTally errors = new FfmpegLog.ErrorTally();

    private UploadDecoder(FFmpegFrameGrabber grabber, UploadFormat format) {
        this.grabber = grabber;
        this.format = format;
    }

    static UploadDecoder open(Path upload) throws MediaRejectedException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(upload.toFile());
        grabber.setSampleRate(OpusEncoder.SAMPLE_RATE);
        grabber.setAudioChannels(1);
        grabber.setSampleMode(FrameGrabber.SampleMode.SHORT);
        // Decode on the calling thread: FFmpeg reports damage only through its log, and FfmpegLog attributes log
        // lines to the thread that causes them (a frame-threaded FLAC decoder would log from its own workers).
        grabber.setAudioOption("threads", "1");
        try {
            FfmpegLog.countingErrors(new FfmpegLog.ErrorTally(), () -> {
                grabber.start();
                return null;
            });
        } catch (FrameGrabber.Exception e) {
            release(grabber);
            throw new MediaRejectedException(MediaRejection.UNSUPPORTED,
                    "The file could not be read as audio: it is not " + UploadFormat.ACCEPTED
                            + ", or its header is damaged.", e);
        }
        if (!grabber.hasAudio()) {
            release(grabber);
            throw new MediaRejectedException(MediaRejection.UNSUPPORTED, "The file contains no audio.");
        }
        UploadFormat format = UploadFormat.of(grabber.getFormat(), grabber.getAudioCodecName());
        if (format == null) {
            String found = grabber.getFormat() + " with " + grabber.getAudioCodecName() + " audio";
            release(grabber);
            throw new MediaRejectedException(MediaRejection.UNSUPPORTED,
                    "The file is " + found + "; the library takes " + UploadFormat.ACCEPTED + ".");
        }
        return new UploadDecoder(grabber, format);
    }

    UploadFormat format() {
        return format;
    }

    /** The duration the container declares, or 0 when it declares none. */
    long declaredMillis() {
        return Math.max(0, grabber.getLengthInTime() / 1000);
    }

    /** A container-level tag (title, artist), or null; FFmpeg also finds tags that jaudiotagger cannot read. */
    String tag(String key) {
        String value = grabber.getMetadata(key);
        if (value == null || value.isBlank()) {
            value = grabber.getAudioMetadata(key);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Decodes the whole upload into {@code sink}, refusing it as soon as it runs longer than {@code maxDuration}.
     * {@code progress} hears the decoded position in milliseconds.
     */
    DecodeSummary decode(PcmSink sink, Duration maxDuration, IngestProgress progress) throws MediaRejectedException {
        long maxSamples = maxDuration.toMillis() * OpusEncoder.SAMPLE_RATE / 1000;
        short[] chunk = new short[OpusEncoder.SAMPLE_RATE];
        long samples = 0;
        long firstMicros = -1;
        long timelineEndMicros = 0;
        for (Frame frame; (frame = grab()) != null; ) {
            ShortBuffer pcm = (ShortBuffer) frame.samples[0];
            int count = pcm.remaining();
            if (chunk.length < count) {
                chunk = new short[count];
            }
            pcm.get(chunk, 0, count);
            samples += count;
            if (samples > maxSamples) {
                throw new MediaRejectedException(MediaRejection.TOO_LONG,
                        "The audio runs longer than the limit of " + Durations.spoken(maxDuration) + ".");
            }
            if (firstMicros < 0) {
                firstMicros = frame.timestamp;
            }
            timelineEndMicros = Math.max(timelineEndMicros,
                    frame.timestamp + count * 1_000_000L / OpusEncoder.SAMPLE_RATE);
            sink.accept(chunk, count);
            progress.at(samples * 1000 / OpusEncoder.SAMPLE_RATE);
        }
        long spanMicros = firstMicros < 0 ? 0 : timelineEndMicros - firstMicros;
        return new DecodeSummary(samples * 1000 / OpusEncoder.SAMPLE_RATE, spanMicros / 1000,
                errors.count(), errors.first());
    }

    private Frame grab() throws MediaRejectedException {
        try {
            return FfmpegLog.countingErrors(errors, grabber::grabSamples);
        } catch (FrameGrabber.Exception e) {
            throw new MediaRejectedException(MediaRejection.CORRUPT,
                    "The audio could not be decoded: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        release(grabber);
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("FFmpeg could not release a decoder", e);
        }
    }
}
