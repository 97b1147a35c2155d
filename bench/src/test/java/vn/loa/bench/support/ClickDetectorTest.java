package vn.loa.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickDetectorTest {

    @Test
    void anOnsetIsTheFirstSampleOverTheThresholdAfterTheRefractoryStretch() {
        short[] pcm = new short[1000];
        pcm[100] = 50;      // noise below the threshold
        pcm[200] = 900;     // click 1
        pcm[210] = -1200;   // its ringing, inside the refractory stretch
        pcm[700] = -800;    // click 2, negative
        assertThat(ClickDetector.onsets(pcm, 500, 300)).containsExactly(200, 700);
    }

    @Test
    void silenceHasNoClicks() {
        assertThat(ClickDetector.onsets(new short[48_000], 500, 300)).isEmpty();
    }
}
