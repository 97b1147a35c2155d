package vn.loa.streamer.testaudio;

/** Test signals and the few measurements the audio tests make on them. */
public final class Tones {

    private Tones() {
    }

    /** A sine of {@code frequency} Hz at {@code amplitude} (0..1 of full scale). */
    public static short[] sine(double frequency, double amplitude, int sampleRate, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return pcm;
    }

    /** Frequency estimated from upward zero crossings between {@code from} and {@code to} (exclusive). */
    public static double frequency(short[] pcm, int from, int to, int sampleRate) {
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (pcm[i - 1] < 0 && pcm[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        if (crossings == 0) {
            return 0;
        }
        return crossings * (double) sampleRate / (last - first);
    }

    /** Root-mean-square level relative to full scale, in dBFS. */
    public static double rmsDbfs(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double s = pcm[i] / 32768.0;
            sum += s * s;
        }
        return 10 * Math.log10(sum / (to - from));
    }
}
