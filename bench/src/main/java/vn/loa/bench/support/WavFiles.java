package vn.loa.bench.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** WAV files of 48 kHz mono signed 16-bit PCM: the audio the benchmarks feed in and the simulator writes out. */
public final class WavFiles {
    public static final int HEADER_BYTES = 44;

    private WavFiles() {
    }

    /** The samples as a WAV file (a canonical 44-byte header, then the data). */
    public static byte[] of(short[] samples) {
        byte[] pcm = TonePcm.littleEndian(samples);
        ByteBuffer wav = ByteBuffer.allocate(HEADER_BYTES + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(HEADER_BYTES - 8 + pcm.length)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1)            // PCM, mono
                .putInt(TonePcm.SAMPLE_RATE).putInt(TonePcm.SAMPLE_RATE * 2)
                .putShort((short) 2).putShort((short) 16)           // block align, bits per sample
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length)
                .put(pcm);
        return wav.array();
    }

    /** The samples of a WAV file the simulator wrote, its header read by the JDK. */
    public static short[] read(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + " is not a WAV file the simulator writes", e);
        }
    }
}
