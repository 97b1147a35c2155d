package vn.loa.streamer.opus;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One libopus encoder: 48 kHz mono signed 16-bit PCM in, one Opus packet per frame out. It calls the operating
 * system's libopus (Debian package {@code libopus0}) directly: the copy inside the bundled FFmpeg build spends about
 * 2.4 times the CPU per frame, which a live stream pays fifty times a second. It owns native memory, released by
 * {@link #close()}; it is not thread-safe, so confine each instance to the thread that feeds it.
 */
public final class OpusEncoder implements AutoCloseable {

    public static final int SAMPLE_RATE = 48_000;
    /** Room for one packet: libopus's recommended bound, above the 1,275 bytes × 3 of a 60 ms frame. */
    static final int MAX_PACKET_BYTES = 4_000;
    /** libopus's highest complexity, which GStreamer's and FFmpeg's Opus encoders use by default too. */
    static final int COMPLEXITY = 10;

    private final Libopus opus = Libopus.load();
    private final int samplesPerFrame;
    private final int preSkip;
    private final Memory pcmIn;
    private final Memory packetOut = new Memory(MAX_PACKET_BYTES);
    private Pointer encoder;

    public OpusEncoder(OpusSettings settings) {
        samplesPerFrame = SAMPLE_RATE * settings.frameMillis() / 1000;
        pcmIn = new Memory(2L * samplesPerFrame);
        IntByReference error = new IntByReference();
        encoder = opus.opus_encoder_create(SAMPLE_RATE, 1, Libopus.APPLICATION_AUDIO, error);
        if (encoder == null || error.getValue() != Libopus.OK) {
            pcmIn.close();
            packetOut.close();
            throw new IllegalStateException("libopus could not create an encoder: " + opus.opus_strerror(error.getValue()));
        }
        try {
            set(Libopus.SET_BITRATE, settings.bitrate());
            set(Libopus.SET_COMPLEXITY, COMPLEXITY);
            set(Libopus.SET_INBAND_FEC, settings.inbandFec() ? 1 : 0);
            set(Libopus.SET_PACKET_LOSS_PERC, settings.expectedLossPercent());
            IntByReference lookahead = new IntByReference();
            check(opus.opus_encoder_ctl(encoder, Libopus.GET_LOOKAHEAD, lookahead), "report its look-ahead");
            preSkip = lookahead.getValue();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("libopus refused the settings " + settings + ": " + e.getMessage(), e);
        }
    }

    /** PCM samples one frame takes: 960 at 20 ms, 2,880 at 60 ms. */
    public int samplesPerFrame() {
        return samplesPerFrame;
    }

    /**
     * The identification header (RFC 7845 "OpusHead": version 1, mono, pre-skip, input rate, no gain, mapping
     * family 0) that a container such as Ogg needs ahead of this encoder's packets.
     */
    public byte[] opusHead() {
        ensureOpen();
        return ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusHead".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1).put((byte) 1).putShort((short) preSkip).putInt(SAMPLE_RATE).putShort((short) 0)
                .put((byte) 0).array();
    }

    /** Encodes exactly {@link #samplesPerFrame()} samples of {@code pcm} from {@code offset} into one Opus packet. */
    public byte[] encode(short[] pcm, int offset) {
        ensureOpen();
        if (offset < 0 || pcm.length - offset < samplesPerFrame) {
            throw new IllegalArgumentException("a frame needs " + samplesPerFrame + " samples from offset " + offset
                    + " but the array holds " + pcm.length);
        }
        pcmIn.write(0, pcm, offset, samplesPerFrame);
        int bytes = opus.opus_encode(encoder, pcmIn, samplesPerFrame, packetOut, MAX_PACKET_BYTES);
        check(bytes, "encode a frame");
        return packetOut.getByteArray(0, bytes);
    }

    @Override
    public void close() {
        if (encoder == null) {
            return;
        }
        opus.opus_encoder_destroy(encoder);
        encoder = null;
        packetOut.close();
        pcmIn.close();
    }

    private void set(int request, int value) {
        check(opus.opus_encoder_ctl(encoder, request, value), "take request " + request + " = " + value);
    }

    private void ensureOpen() {
        if (encoder == null) {
            throw new IllegalStateException("the Opus encoder is closed");
        }
    }

    private void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException("libopus could not " + what + ": " + opus.opus_strerror(result));
        }
    }
}
