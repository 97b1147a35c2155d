package vn.loa.controller.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Audio made in the test: a sine tone as raw PCM or a WAV file (s16le, mono). */
public final class TestAudio {
    public static final int SAMPLE_RATE = 48_000;
    private static final int WAV_HEADER_BYTES = 44;

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

    /** The tone as a 48 kHz mono 16-bit WAV file. */
    public static byte[] toneWav(double hz, int millis) {
        byte[] pcm = tonePcm(hz, millis);
        ByteBuffer wav = ByteBuffer.allocate(WAV_HEADER_BYTES + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return wav.array();
    }
}
