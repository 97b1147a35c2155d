package vn.loa.streamer.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import vn.loa.streamer.opus.OpusEncoder;
import vn.loa.streamer.opus.OpusSettings;

/**
 * Applies the normalising gain to decoded PCM, cuts it into {@link MediaLibrary#FRAME_MILLIS} ms frames, encodes each
 * once and writes the packet both to the frame file and to the Ogg Opus listen file. The last partial frame is
 * padded with silence.
 */
final class NormalisingEncoder implements PcmSink, AutoCloseable {

    private final OpusEncoder encoder = new OpusEncoder(OpusSettings.prerecorded());
    private final double gain;
    private final short[] frame = new short[encoder.samplesPerFrame()];
    private int filled;
    private final OpusFrameFile.Writer frames;
    private final OggOpusWriter listen;

    NormalisingEncoder(Path framesFile, Path listenFile, double gainDb) throws IOException {
        gain = Math.pow(10, gainDb / 20);
        try {
            frames = new OpusFrameFile.Writer(framesFile, MediaLibrary.FRAME_MILLIS);
            listen = new OggOpusWriter(listenFile, encoder.opusHead());
        } catch (IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    @Override
    public void accept(short[] samples, int count) {
        for (int i = 0; i < count; i++) {
            long scaled = Math.round(samples[i] * gain);
            frame[filled++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled));
            if (filled == frame.length) {
                flushFrame();
            }
        }
    }

    /** Encodes what remains and completes both files. */
    void finish() throws IOException {
        if (filled > 0) {
            Arrays.fill(frame, filled, frame.length, (short) 0);
            flushFrame();
        }
        listen.finish();
    }

    private void flushFrame() {
        byte[] packet = encoder.encode(frame, 0);
        try {
            frames.append(packet);
            listen.append(packet, frame.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write encoded media", e);
        }
        filled = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            frames.close();
        } finally {
            try {
                listen.close();
            } finally {
                encoder.close();
            }
        }
    }
}
