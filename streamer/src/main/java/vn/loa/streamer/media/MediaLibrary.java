package vn.loa.streamer.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.streamer.opus.OpusSettings;

/**
 * The media files, under one directory, each item in a sub-directory named by the SHA-256 of its upload:
 * {@code listen.ogg} (the normalised audio as Ogg Opus, for a browser) and {@code frames.loao} (the same Opus
 * packets in the library's frame format, for streaming). An ingest builds both in a staging directory and renames it
 * into place in one atomic move, so an item is either complete or absent.
 */
public final class MediaLibrary {

    /** Loudness every item is normalised to (EBU R128 broadcast practice for speech over loudspeakers). */
    public static final double TARGET_LUFS = -16.0;
    /** True-peak ceiling the normalising gain never pushes past. */
    public static final double MAX_TRUE_PEAK_DBTP = -1.0;
    /** Integrated loudness at or below this is silence. */
    public static final double SILENCE_LUFS = LoudnessMeter.GATE_LUFS;
    /** Duration of the stored Opus frames. */
    public static final int FRAME_MILLIS = OpusSettings.prerecorded().frameMillis();

    static final String LISTEN_FILE = "listen.ogg";
    static final String FRAMES_FILE = "frames.loao";
    static final String STAGING_PREFIX = ".staging-";

    private static final Logger LOG = LoggerFactory.getLogger(MediaLibrary.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path directory;
    private final MediaLimits limits;

    public MediaLibrary(Path directory, MediaLimits limits) {
        this.directory = directory;
        this.limits = limits;
        FfmpegLog.install();
        try {
            Files.createDirectories(directory);
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path leftover : entries.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX))
                        .toList()) {
                    LOG.info("Removing {} left by an interrupted ingest", leftover);
                    deleteTree(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + directory + " as the media directory", e);
        }
    }

    /**
     * Takes an upload into the library: checks it, decodes it, normalises its loudness to {@link #TARGET_LUFS} within
     * {@link #MAX_TRUE_PEAK_DBTP}, encodes it to {@link #FRAME_MILLIS} ms Opus frames once and stores it. On any
     * failure nothing is left behind. Uploading the same bytes again yields the same {@code sha256}; the stored item
     * is kept as it was.
     *
     * @param originalFileName the name the user uploaded it as; its stem is the title when the file has no title tag
     */
    public IngestedMedia ingest(Path upload, String originalFileName) throws MediaRejectedException {
        long size = sizeOf(upload);
        if (size == 0) {
            throw new MediaRejectedException(MediaRejection.EMPTY, "The file is empty.");
        }
        if (size > limits.maxUploadBytes()) {
            throw new MediaRejectedException(MediaRejection.TOO_LARGE, "The file is " + mebibytes(size)
                    + "; the limit is " + mebibytes(limits.maxUploadBytes()) + ".");
        }
        String sha256 = sha256(upload);
        LOG.info("Ingesting {} ({}, sha256 {})", originalFileName, mebibytes(size), sha256);
        Path staging = directory.resolve(STAGING_PREFIX + UUID.randomUUID());
        try {
            Files.createDirectory(staging);
            IngestedMedia media = new Ingest(upload, originalFileName, size, sha256, limits).run(staging);
            moveIntoPlace(staging, sha256);
            LOG.info("Ingested {}: {} {}, {} ms, {} LUFS, gain {} dB", sha256, media.format(), media.title(),
                    media.durationMillis(), round1(media.sourceLoudnessLufs()), round1(media.gainDb()));
            return media;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store media in " + directory, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** Whether an item with this SHA-256 is stored. */
    public boolean exists(String sha256) {
        return Files.isDirectory(itemDirectory(sha256));
    }

    /** The browser-playable Ogg Opus file ({@code audio/ogg}) of a stored item. */
    public Path listenFile(String sha256) {
        return storedFile(sha256, LISTEN_FILE);
    }

    /** The pre-encoded {@link #FRAME_MILLIS} ms Opus packets of a stored item, in play order. */
    public List<byte[]> frames(String sha256) {
        Path file = storedFile(sha256, FRAMES_FILE);
        try {
            return OpusFrameFile.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the frames of media " + sha256, e);
        }
    }

    /** Removes a stored item; removing one that is not stored does nothing. */
    public void delete(String sha256) {
        Path item = itemDirectory(sha256);
        Path doomed = directory.resolve(STAGING_PREFIX + "deleted-" + sha256 + "-" + UUID.randomUUID());
        try {
            // Renamed away first, so readers see the item either whole or gone.
            Files.move(item, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException absent) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete media " + sha256, e);
        }
        deleteQuietly(doomed);
        LOG.info("Deleted media {}", sha256);
    }

    private void moveIntoPlace(Path staging, String sha256) throws IOException {
        Path item = directory.resolve(sha256);
        try {
            Files.move(staging, item, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException refused) {
            // rename(2) onto a non-empty directory fails: the same content is stored already (perhaps by a
            // concurrent ingest of the same bytes).
            if (!Files.isDirectory(item)) {
                throw refused;
            }
            LOG.info("Media {} was already in the library; kept the stored copy", sha256);
        }
    }

    private Path itemDirectory(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a media id (64 lowercase hex digits): " + sha256);
        }
        return directory.resolve(sha256);
    }

    private Path storedFile(String sha256, String name) {
        Path file = itemDirectory(sha256).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no media " + sha256 + " in the library");
        }
        return file;
    }

    private static long sizeOf(Path upload) {
        try {
            return Files.size(upload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload " + upload, e);
        }
    }

    /**
     * The id an upload would get: the hex SHA-256 of its bytes. A caller may check {@link #exists} with it to spot a
     * duplicate before paying for {@link #ingest}.
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void deleteQuietly(Path tree) {
        try {
            deleteTree(tree);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", tree, e.toString());
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
