package vn.loa.controller.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/** Secrets Loa keeps in its data directory (generated admin password, provisioning key), readable by the owner only. */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Writes {@code content} to a new file with mode 600; fails if the file already exists. */
    public static void create(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The first line of the file, if it exists and is not blank. */
    public static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst()
                    .map(String::trim).filter(line -> !line.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The secret kept in {@code file}, generated and stored the first time. */
    public static String readOrCreate(Path file, Supplier<String> generator) {
        return read(file).orElseGet(() -> {
            String secret = generator.get();
            create(file, secret);
            return secret;
        });
    }
}
