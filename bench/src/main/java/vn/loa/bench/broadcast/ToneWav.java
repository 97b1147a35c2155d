package vn.loa.bench.broadcast;

import vn.loa.bench.support.TonePcm;
import vn.loa.bench.support.WavFiles;

/** A sine tone as a WAV file (48 kHz mono 16-bit), the audio the benchmark uploads to the media library. */
final class ToneWav {
    /** Longest tone the benchmark uploads: ten minutes is 55 MB, well inside the server's upload limit. */
    static final int MAX_SECONDS = 600;

    private ToneWav() {
    }

    static byte[] of(double frequencyHz, int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("a tone lasts 1.." + MAX_SECONDS + " s, not " + seconds);
        }
        return WavFiles.of(new TonePcm(frequencyHz).next(seconds * TonePcm.SAMPLE_RATE));
    }
}
