package vn.loa.controller.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Audio made in the test: a sine tone as raw PCM or a WAV file (s16le, mono). */
public final class TestAudio {
    public static final int SAMPLE_RATE = 48_000;

    private TestAudio() {
    }

    /** {@code millis} of a tone at {@code hz}, s16le mono 48 kHz, at about -12 dBFS. */
    public static byte[] tonePcm(double hz, int millis) {
        int samples = SAMPLE_RATE / 1000 * millis;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (8_000 * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE)));
        }
        return pcm.array();
    }

    /** The tone as a 48 kHz mono 16-bit WAV file, written by the JDK. */
    public static byte[] toneWav(double hz, int millis) {
        byte[] pcm = tonePcm(hz, millis);
        AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            ByteArrayOutputStream wav = new ByteArrayOutputStream(pcm.length + 64);
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav);
            return wav.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
