package vn.loa.controller.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import vn.loa.controller.http.ApiException;

/**
 * An upload copied to a temporary file under the data directory while its bytes are counted and hashed, so an
 * upload over the limit stops at the limit whatever its headers claimed. The file is deleted on close.
 */
final class SpooledUpload implements AutoCloseable {
    static final String PREFIX = "upload-";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final long size;
    private final String sha256;

    private SpooledUpload(Path file, long size, String sha256) {
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /** Copies {@code content} to a new file in {@code directory}; 413 (and nothing left behind) past {@code maxBytes}. */
    static SpooledUpload copy(InputStream content, Path directory, long maxBytes) {
        Path file = null;
        try {
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, PREFIX, ".part");
            MessageDigest digest = sha256Digest();
            long size = 0;
            byte[] buffer = new byte[BUFFER_BYTES];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                    size += n;
                    if (size > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            return new SpooledUpload(file, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not store the upload", io);
            }
            throw (RuntimeException) e;
        }
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "the file is larger than the upload limit", Map.of("maxBytes", maxBytes));
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    /** Lower-case hex SHA-256 of the uploaded bytes. */
    String sha256() {
        return sha256;
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is harmless; the next start cleans the spool directory
            }
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
