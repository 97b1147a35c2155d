package vn.loa.streamer.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import vn.loa.streamer.testaudio.Tones;

class LoudnessMeterTest {

    private static final int RATE = 48_000;

    @Test
    void aOneKilohertzSineMeasuresItsTextbookLoudness() {
        // BS.1770 is calibrated so that a 1 kHz sine peaking at full scale reads -3.01 LUFS.
        LoudnessMeter.Loudness loudness = measure(Tones.sine(1000, 0.1, RATE, 5 * RATE), 4096);

        assertThat(loudness.integratedLufs()).isCloseTo(-20 - 3.01, offset(0.2));
        assertThat(loudness.truePeakDbtp()).isCloseTo(-20.0, offset(0.3));
        assertThat(loudness.allZero()).isFalse();
    }

    @Test
    void theTruePeakBetweenSamplesIsSeenWhereTheSamplesThemselvesStayLower() {
        // A quarter-sample-rate sine shifted by 45 degrees: every sample sits at 0.707 of the wave's real peak.
        short[] pcm = new short[3 * RATE];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(0.9 * Short.MAX_VALUE * Math.sin(Math.PI / 2 * i + Math.PI / 4));
        }

        LoudnessMeter.Loudness loudness = measure(pcm, 1000);

        double samplePeakDb = 20 * Math.log10(0.9 * Math.sqrt(0.5));
        double realPeakDb = 20 * Math.log10(0.9);
        // ebur128 oversamples 4x; its interpolation (ringing at the abrupt start included) reads this near-Nyquist
        // wave within a dB of the truth.
        assertThat(loudness.truePeakDbtp()).isGreaterThan(samplePeakDb + 2).isCloseTo(realPeakDb, offset(1.0));
    }

    @Test
    void digitalSilenceReadsAtTheGateAndAllZero() {
        LoudnessMeter.Loudness loudness = measure(new short[2 * RATE], RATE);

        assertThat(loudness.integratedLufs()).isEqualTo(LoudnessMeter.GATE_LUFS);
        assertThat(loudness.allZero()).isTrue();
    }

    private static LoudnessMeter.Loudness measure(short[] pcm, int chunk) {
        try (LoudnessMeter meter = new LoudnessMeter()) {
            short[] buffer = new short[chunk];
            for (int at = 0; at < pcm.length; at += chunk) {
                int count = Math.min(chunk, pcm.length - at);
                System.arraycopy(pcm, at, buffer, 0, count);
                meter.accept(buffer, count);
            }
            return meter.finish();
        }
    }
}
