package vn.loa.bench.support;

/** A continuous sine tone, 48 kHz mono signed 16-bit, handed out in chunks that join without a click. */
public final class TonePcm {
    public static final int SAMPLE_RATE = 48_000;
    public static final double FREQUENCY_HZ = 1_000;
    /** About -6 dBFS: loud enough to be encoded as real audio, well clear of clipping. */
    public static final double AMPLITUDE = 0.5 * Short.MAX_VALUE;

    private final double frequencyHz;
    private long nextSample;

    public TonePcm() {
        this(FREQUENCY_HZ);
    }

    public TonePcm(double frequencyHz) {
        this.frequencyHz = frequencyHz;
    }

    public short[] next(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++, nextSample++) {
            pcm[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * frequencyHz * nextSample / SAMPLE_RATE));
        }
        return pcm;
    }

    public static byte[] littleEndian(short[] pcm) {
        byte[] bytes = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return bytes;
    }
}
