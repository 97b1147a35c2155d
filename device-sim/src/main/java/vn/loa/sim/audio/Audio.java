package vn.loa.sim.audio;

/** Constants of the audio Loa streams: Opus at 48 kHz, mono. */
final class Audio {
    static final int SAMPLE_RATE = 48_000;

    private Audio() {
    }

    static int samplesPerFrame(int frameMillis) {
        return SAMPLE_RATE / 1000 * frameMillis;
    }
}
