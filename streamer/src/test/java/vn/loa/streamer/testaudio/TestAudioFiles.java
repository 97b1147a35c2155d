package vn.loa.streamer.testaudio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Generates the audio files the media tests ingest, so no binary fixture lives in the repository. */
public final class TestAudioFiles {

    /** Container, codec and the sample rate the encoder wants. */
    public enum Kind {
        MP3("mp3", "mp3", "libmp3lame", 44_100),
        M4A("m4a", "ipod", "aac", 44_100),
        OGG_OPUS("ogg", "ogg", "libopus", 48_000),
        FLAC("flac", "flac", "flac", 44_100);

        final String extension;
        final String container;
        final String codec;
        final int sampleRate;

        Kind(String extension, String container, String codec, int sampleRate) {
            this.extension = extension;
            this.container = container;
            this.codec = codec;
            this.sampleRate = sampleRate;
        }

        public String extension() {
            return extension;
        }

        public int sampleRate() {
            return sampleRate;
        }
    }

    private TestAudioFiles() {
    }

    /** A 16-bit mono WAV written with javax.sound. */
    public static Path wav(Path file, short[] pcm, int sampleRate) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, pcm.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** A mono file of {@code kind} encoded by FFmpeg, with a title and artist tag when given. */
    public static Path encoded(Path file, Kind kind, short[] pcm, String title, String artist) throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat(kind.container);
            recorder.setAudioCodecName(kind.codec);
            recorder.setSampleRate(kind.sampleRate);
            recorder.setAudioBitrate(96_000);
            if (title != null) {
                recorder.setMetadata("title", title);
            }
            if (artist != null) {
                recorder.setMetadata("artist", artist);
            }
            recorder.start();
            recorder.recordSamples(kind.sampleRate, 1, ShortBuffer.wrap(pcm));
            recorder.stop();
        }
        return file;
    }

    /** Keeps only the first half of the file's bytes. */
    public static Path truncateToHalf(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        return file;
    }

    /** Overwrites the middle third of the file with random bytes. */
    public static Path scrambleMiddle(Path file, long seed) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] noise = new byte[bytes.length / 3];
        new Random(seed).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, bytes.length / 3, noise.length);
        return Files.write(file, bytes);
    }

    /** {@code size} random bytes. */
    public static Path randomBytes(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(file, bytes);
    }
}
