package vn.loa.bench.broadcast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import vn.loa.bench.support.TonePcm;

/** A sine tone as a WAV file (48 kHz mono 16-bit), the audio the benchmark uploads to the media library. */
final class ToneWav {
    static final int HEADER_BYTES = 44;
    /** Longest tone the benchmark uploads: ten minutes is 55 MB, well inside the server's upload limit. */
    static final int MAX_SECONDS = 600;

    private ToneWav() {
    }

    static byte[] of(double frequencyHz, int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("a tone lasts 1.." + MAX_SECONDS + " s, not " + seconds);
        }
        byte[] pcm = TonePcm.littleEndian(new TonePcm(frequencyHz).next(seconds * TonePcm.SAMPLE_RATE));
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
}
