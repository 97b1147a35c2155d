package vn.loa.sim.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads back what {@link WavWriter} wrote, checking the header, and measures tones in it. */
public final class Wav {
    private Wav() {
    }

    /** The samples of a 48 kHz mono 16-bit PCM WAV file; fails the test on any other header. */
    public static short[] read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ascii(in, 0)).isEqualTo("RIFF");
        assertThat(in.getInt(4)).isEqualTo(in.capacity() - 8);
        assertThat(ascii(in, 8)).isEqualTo("WAVE");
        assertThat(ascii(in, 12)).isEqualTo("fmt ");
        assertThat(in.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(in.getShort(22)).as("mono").isEqualTo((short) 1);
        assertThat(in.getInt(24)).as("sample rate").isEqualTo(48_000);
        assertThat(in.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(ascii(in, 36)).isEqualTo("data");
        int bytes = in.getInt(40);
        assertThat(bytes).isEqualTo(in.capacity() - 44);
        short[] samples = new short[bytes / 2];
        in.position(44);
        in.asShortBuffer().get(samples);
        return samples;
    }

    /** Power of one frequency over a range of samples (Goertzel), normalised by the range's length. */
    public static double power(short[] pcm, int from, int to, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 48_000);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = pcm[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double n = to - from;
        return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / (n * n);
    }

    private static String ascii(ByteBuffer in, int at) {
        byte[] four = new byte[4];
        in.get(at, four);
        return new String(four, StandardCharsets.US_ASCII);
    }
}
