package vn.loa.sim.provision;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The speakers' credentials by serial, kept in a JSON file so a restarted fleet reconnects without provisioning
 * again (the server hands a secret out only once). Every change is written at once and atomically (a temporary
 * file renamed over the old one), so a crash never leaves a half-written file. Many speakers saving together
 * share one write: whoever takes the write lock writes everything saved so far.
 *
 * <p>File format: {@code {"SIM-000001": {"deviceId": "...", "secret": "..."}, ...}}.
 */
public final class CredentialsStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, DeviceCredentials> bySerial = new TreeMap<>();
    private final Object writeLock = new Object();
    private long version;
    private long writtenVersion;

    private CredentialsStore(Path file) {
        this.file = file;
    }

    /** A store that forgets everything when the JVM exits. */
    public static CredentialsStore inMemory() {
        return new CredentialsStore(null);
    }

    /** Loads the file if it exists; a file that is not a credentials file is an error and is left untouched. */
    public static CredentialsStore open(Path file) throws IOException {
        CredentialsStore store = new CredentialsStore(file);
        if (Files.exists(file)) {
            try {
                Map<String, DeviceCredentials> loaded = JSON.readValue(file.toFile(), new TypeReference<>() { });
                if (loaded == null) {
                    throw new IOException("it holds JSON null");
                }
                loaded.forEach((serial, c) -> {
                    if (c == null || c.deviceId() == null || c.secret() == null) {
                        throw new IllegalArgumentException("entry " + serial + " needs deviceId and secret");
                    }
                });
                store.bySerial.putAll(loaded);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("credentials file " + file + " is not usable (" + e.getMessage()
                        + "); fix or move it, it was not changed", e);
            }
        }
        return store;
    }

    public synchronized Optional<DeviceCredentials> get(String serial) {
        return Optional.ofNullable(bySerial.get(serial));
    }

    public synchronized int size() {
        return bySerial.size();
    }

    /** Stores and returns only once the file on disk holds this entry. */
    public void save(String serial, DeviceCredentials credentials) {
        long mine;
        synchronized (this) {
            bySerial.put(serial, credentials);
            mine = ++version;
        }
        if (file == null) {
            return;
        }
        synchronized (writeLock) {
            if (writtenVersion >= mine) {
                return;
            }
            Map<String, DeviceCredentials> snapshot;
            long snapshotVersion;
            synchronized (this) {
                snapshot = new TreeMap<>(bySerial);
                snapshotVersion = version;
            }
            try {
                writeAtomically(JSON.writeValueAsBytes(snapshot));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write credentials file " + file, e);
            }
            writtenVersion = snapshotVersion;
        }
    }

    private void writeAtomically(byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            restrictToOwner(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(content));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file holds passwords. */
    private static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions have to do
        }
    }
}
