package vn.loa.streamer.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.loa.streamer.testaudio.OpusDecoding;
import vn.loa.streamer.testaudio.TestAudioFiles;
import vn.loa.streamer.testaudio.TestAudioFiles.Kind;
import vn.loa.streamer.testaudio.Tones;
import vn.loa.streamer.testlog.LogCapture;

class MediaLibraryTest {

    private static final String VIETNAMESE_TITLE = "Bản tin sáng thứ Hai – Xã Hải Lăng";
    private static final String VIETNAMESE_ARTIST = "Đài truyền thanh xã Hải Lăng";
    private static final int RATE = 48_000;

    @TempDir
    Path temp;
    Path uploads;
    Path store;
    MediaLibrary library;

    @BeforeEach
    void setUp() throws IOException {
        uploads = Files.createDirectories(temp.resolve("uploads"));
        store = temp.resolve("media");
        library = new MediaLibrary(store, MediaLimits.defaults());
    }

    @Test
    void aQuietWavToneIsNormalisedToTheTargetAndStoredAsFramesAndAListenFile() throws Exception {
        // A 1 kHz sine peaking at 0.05 of full scale measures about -29 LUFS.
        Path wav = TestAudioFiles.wav(uploads.resolve("up.tmp"), Tones.sine(1000, 0.05, RATE, 5 * RATE), RATE);

        IngestedMedia media = library.ingest(wav, "Thông báo tiêm chủng.wav");

        assertThat(media.sha256()).isEqualTo(MediaLibrary.sha256(wav)).hasSize(64);
        assertThat(media.title()).isEqualTo("Thông báo tiêm chủng");
        assertThat(media.artist()).isNull();
        assertThat(media.format()).isEqualTo("wav");
        assertThat(media.durationMillis()).isCloseTo(5000L, offset(20L));
        assertThat(media.sourceLoudnessLufs()).isCloseTo(20 * Math.log10(0.05) - 3.01, offset(0.5));
        assertThat(media.gainDb()).isCloseTo(MediaLibrary.TARGET_LUFS - media.sourceLoudnessLufs(), offset(0.01));
        assertThat(media.frameMillis()).isEqualTo(60);
        assertThat(media.sizeBytes()).isEqualTo(Files.size(wav));
        assertThat(library.exists(media.sha256())).isTrue();

        List<byte[]> frames = library.frames(media.sha256());
        assertThat(frames).hasSize((int) Math.ceil(5000 / 60.0));
        short[] played = OpusDecoding.decodeAll(frames);
        int from = RATE / 2;
        int to = RATE * 9 / 2;
        assertThat(Tones.frequency(played, from, to, RATE)).isCloseTo(1000.0, offset(3.0));
        // A 1 kHz sine at -16 LUFS has an RMS level of about -16.7 dBFS.
        assertThat(Tones.rmsDbfs(played, from, to)).isCloseTo(MediaLibrary.TARGET_LUFS - 0.69, offset(1.0));

        short[] listened = decodeFile(library.listenFile(media.sha256()));
        assertThat(listened.length).isCloseTo(5 * RATE, offset(RATE / 20));
        assertThat(Tones.frequency(listened, from, to, RATE)).isCloseTo(1000.0, offset(3.0));
        assertThat(Tones.rmsDbfs(listened, from, to)).isCloseTo(MediaLibrary.TARGET_LUFS - 0.69, offset(1.0));
        assertThat(itemsInStore()).containsExactly(media.sha256());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyEncodedFormatIsTakenWithItsVietnameseTitle(Kind kind) throws Exception {
        Path file = TestAudioFiles.encoded(uploads.resolve("up." + kind.extension()), kind,
                Tones.sine(440, 0.3, kind.sampleRate(), 4 * kind.sampleRate()), VIETNAMESE_TITLE, VIETNAMESE_ARTIST);

        IngestedMedia media = library.ingest(file, "upload." + kind.extension());

        assertThat(media.title()).isEqualTo(VIETNAMESE_TITLE);
        assertThat(media.artist()).isEqualTo(VIETNAMESE_ARTIST);
        assertThat(media.format()).isEqualTo(switch (kind) {
            case MP3 -> "mp3";
            case M4A -> "m4a";
            case OGG_OPUS -> "ogg-opus";
            case FLAC -> "flac";
        });
        assertThat(media.durationMillis()).isCloseTo(4000L, offset(100L));
        short[] played = OpusDecoding.decodeAll(library.frames(media.sha256()));
        assertThat(Tones.frequency(played, RATE / 2, 7 * RATE / 2, RATE)).isCloseTo(440.0, offset(2.0));
    }

    @Test
    void aPeakyQuietRecordingIsLiftedOnlyUntilItsTruePeakReachesTheCeiling() throws Exception {
        short[] pcm = Tones.sine(1000, 0.01, RATE, 5 * RATE);
        for (int click = 0; click < pcm.length; click += RATE / 10) {
            for (int i = 0; i < 24 && click + i < pcm.length; i++) {
                pcm[click + i] = (short) (i % 2 == 0 ? 29_000 : -29_000);
            }
        }
        Path wav = TestAudioFiles.wav(uploads.resolve("clicks.wav"), pcm, RATE);

        IngestedMedia media = library.ingest(wav, "clicks.wav");

        assertThat(media.gainDb()).isLessThan(MediaLibrary.TARGET_LUFS - media.sourceLoudnessLufs() - 1);
        short[] played = OpusDecoding.decodeAll(library.frames(media.sha256()));
        int peak = 0;
        for (short s : played) {
            peak = Math.max(peak, Math.abs((int) s));
        }
        // Lossy coding may overshoot the ceiling a little; it must not clip.
        assertThat(20 * Math.log10(peak / 32768.0)).isLessThan(MediaLibrary.MAX_TRUE_PEAK_DBTP + 1.0);
    }

    @Test
    void aLongUploadLogsItsProgressThroughBothPasses() throws Exception {
        Path wav = TestAudioFiles.wav(uploads.resolve("long.wav"), Tones.sine(300, 0.2, RATE, 70 * RATE), RATE);
        List<String> messages;
        try (LogCapture log = LogCapture.of(IngestProgress.class)) {
            library.ingest(wav, "Chương trình dài.wav");
            messages = log.messages();
        }
        assertThat(messages).filteredOn(m -> m.startsWith("Analysing Chương trình dài.wav: ")).hasSize(10);
        assertThat(messages).filteredOn(m -> m.startsWith("Encoding Chương trình dài.wav: ")).hasSize(10)
                .last().asString().contains("100 %");
    }

    @Test
    void theSameBytesTwiceGiveTheSameIdAndOneStoredItem() throws Exception {
        Path wav = TestAudioFiles.wav(uploads.resolve("a.wav"), Tones.sine(500, 0.2, RATE, RATE), RATE);
        IngestedMedia first = library.ingest(wav, "a.wav");
        Path framesFile = store.resolve(first.sha256()).resolve(MediaLibrary.FRAMES_FILE);
        FileTime storedAt = Files.getLastModifiedTime(framesFile);

        IngestedMedia second = library.ingest(wav, "copy of a.wav");

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(itemsInStore()).containsExactly(first.sha256());
        assertThat(Files.getLastModifiedTime(framesFile)).isEqualTo(storedAt);
    }

    @Test
    void deletedMediaIsGoneAndUnknownIdsAreClearErrors() throws Exception {
        Path wav = TestAudioFiles.wav(uploads.resolve("a.wav"), Tones.sine(500, 0.2, RATE, RATE), RATE);
        String id = library.ingest(wav, "a.wav").sha256();

        library.delete(id);
        library.delete(id);

        assertThat(library.exists(id)).isFalse();
        assertThat(itemsInStore()).isEmpty();
        assertThatThrownBy(() -> library.frames(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no media " + id);
        assertThatThrownBy(() -> library.listenFile(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> library.exists("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lowercase hex");
    }

    @Test
    void aStagingDirectoryLeftByACrashIsRemovedOnStart() throws Exception {
        Path leftover = Files.createDirectories(store.resolve(MediaLibrary.STAGING_PREFIX + "crashed"));
        Files.writeString(leftover.resolve(MediaLibrary.FRAMES_FILE), "half written");

        new MediaLibrary(store, MediaLimits.defaults());

        assertThat(leftover).doesNotExist();
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path empty = Files.createFile(uploads.resolve("empty.mp3"));
        assertRejected(empty, MediaRejection.EMPTY, "empty");
    }

    @Test
    void anUploadOverTheSizeLimitIsRefusedBeforeDecoding() throws Exception {
        library = new MediaLibrary(store, new MediaLimits(1000, MediaLimits.DEFAULT_MAX_DURATION));
        Path big = TestAudioFiles.randomBytes(uploads.resolve("big.wav"), 1001, 1);
        assertRejected(big, MediaRejection.TOO_LARGE, "limit is 0.0 MiB");
        Path fits = TestAudioFiles.randomBytes(uploads.resolve("fits.wav"), 1000, 1);
        // Exactly at the limit gets past the size check (and is then refused as garbage, not as too large).
        assertThatThrownBy(() -> library.ingest(fits, "fits.wav")).isInstanceOf(MediaRejectedException.class)
                .extracting(e -> ((MediaRejectedException) e).reason()).isNotEqualTo(MediaRejection.TOO_LARGE);
    }

    @Test
    void audioLongerThanTheLimitIsRefused() throws Exception {
        library = new MediaLibrary(store, new MediaLimits(MediaLimits.DEFAULT_MAX_UPLOAD_BYTES, Duration.ofSeconds(2)));
        Path wav = TestAudioFiles.wav(uploads.resolve("long.wav"), Tones.sine(500, 0.2, RATE, 3 * RATE), RATE);
        assertRejected(wav, MediaRejection.TOO_LONG, "limit is 2.0 s");
    }

    @Test
    void audioWhoseHeaderDeclaresNoDurationIsStoppedOnceDecodingPassesTheLimit() throws Exception {
        library = new MediaLibrary(store, new MediaLimits(MediaLimits.DEFAULT_MAX_UPLOAD_BYTES, Duration.ofSeconds(2)));
        // Raw ADTS AAC carries no duration; FFmpeg only estimates one from the bitrate.
        Path aac = uploads.resolve("long.aac");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(aac.toFile(), 1)) {
            recorder.setFormat("adts");
            recorder.setAudioCodecName("aac");
            recorder.setSampleRate(RATE);
            recorder.start();
            recorder.recordSamples(RATE, 1, ShortBuffer.wrap(Tones.sine(500, 0.2, RATE, 3 * RATE)));
            recorder.stop();
        }
        assertRejected(aac, MediaRejection.TOO_LONG, "2.0 s");
    }

    @Test
    void textIsNotAudio() throws Exception {
        Path text = Files.writeString(uploads.resolve("notes.mp3"), "Lịch phát thanh tuần này\n".repeat(200));
        assertRejected(text, MediaRejection.UNSUPPORTED, "could not be read as audio");
    }

    @Test
    void randomBytesNamedMp3AreCorrupt() throws Exception {
        Path noise = TestAudioFiles.randomBytes(uploads.resolve("noise.mp3"), 100_000, 3);
        assertRejected(noise, MediaRejection.CORRUPT, "No audio could be decoded");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFileWithItsMiddleOverwrittenIsCorrupt(Kind kind) throws Exception {
        Path file = TestAudioFiles.encoded(uploads.resolve("up." + kind.extension()), kind,
                Tones.sine(440, 0.3, kind.sampleRate(), 10 * kind.sampleRate()), "t", null);
        TestAudioFiles.scrambleMiddle(file, 7);
        assertRejected(file, MediaRejection.CORRUPT, "damaged");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"MP3", "FLAC"})
    void anEncodedFileCutInHalfIsTruncated(Kind kind) throws Exception {
        Path file = TestAudioFiles.encoded(uploads.resolve("up." + kind.extension()), kind,
                Tones.sine(440, 0.3, kind.sampleRate(), 10 * kind.sampleRate()), "t", null);
        TestAudioFiles.truncateToHalf(file);
        assertRejected(file, MediaRejection.TRUNCATED, "declares 10.0 s");
    }

    @Test
    void aWavCutInHalfIsTruncated() throws Exception {
        Path wav = TestAudioFiles.wav(uploads.resolve("half.wav"), Tones.sine(440, 0.3, RATE, 10 * RATE), RATE);
        TestAudioFiles.truncateToHalf(wav);
        assertRejected(wav, MediaRejection.TRUNCATED, "cut short");
    }

    @Test
    void digitalSilenceAndInaudibleHissAreSilent() throws Exception {
        Path zeros = TestAudioFiles.wav(uploads.resolve("zeros.wav"), new short[3 * RATE], RATE);
        assertRejected(zeros, MediaRejection.SILENT, "no audible sound");
        Path hiss = TestAudioFiles.wav(uploads.resolve("hiss.wav"), Tones.sine(1000, 0.0001, RATE, 3 * RATE), RATE);
        assertRejected(hiss, MediaRejection.SILENT, "-70.0 LUFS");
    }

    @Test
    void stemDropsDirectoriesAndExtension() {
        assertThat(Ingest.stem("C:\\Users\\xa\\Bản tin.mp3")).isEqualTo("Bản tin");
        assertThat(Ingest.stem("dir/archive.tar.gz")).isEqualTo("archive.tar");
        assertThat(Ingest.stem(".mp3")).isEqualTo(".mp3");
        assertThat(Ingest.stem("  ")).isEqualTo("untitled");
        assertThat(Ingest.stem(null)).isEqualTo("untitled");
    }

    @Test
    void limitsMustBePositiveAndDefaultTo200MiBAndFourHours() {
        assertThat(MediaLimits.defaults()).isEqualTo(new MediaLimits(200L * 1024 * 1024, Duration.ofHours(4)));
        assertThatThrownBy(() -> new MediaLimits(0, Duration.ofHours(1))).hasMessageContaining("upload size");
        assertThatThrownBy(() -> new MediaLimits(1, Duration.ZERO)).hasMessageContaining("duration");
    }

    private void assertRejected(Path upload, MediaRejection reason, String messagePart) {
        assertThatThrownBy(() -> library.ingest(upload, upload.getFileName().toString()))
                .isInstanceOfSatisfying(MediaRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(messagePart);
                });
        assertThat(itemsInStore()).as("nothing left behind").isEmpty();
    }

    private List<String> itemsInStore() {
        try (Stream<Path> entries = Files.list(store)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static short[] decodeFile(Path file) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleRate(RATE);
            grabber.setAudioChannels(1);
            grabber.setSampleMode(FrameGrabber.SampleMode.SHORT);
            grabber.start();
            ShortBuffer all = ShortBuffer.allocate(RATE * 60);
            for (Frame frame; (frame = grabber.grabSamples()) != null; ) {
                all.put((ShortBuffer) frame.samples[0]);
            }
            short[] pcm = new short[all.position()];
            all.flip().get(pcm);
            return pcm;
        }
    }
}
