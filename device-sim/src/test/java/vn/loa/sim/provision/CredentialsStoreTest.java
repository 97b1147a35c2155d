package vn.loa.sim.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedCredentialsSurviveReopeningAndLeaveNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("sub/creds.json");
        CredentialsStore store = CredentialsStore.open(file);
        store.save("S-1", new DeviceCredentials("dev-1", "secret-1"));
        store.save("S-2", new DeviceCredentials("dev-2", "secret-2"));
        store.save("S-1", new DeviceCredentials("dev-1", "secret-1b"));

        CredentialsStore reopened = CredentialsStore.open(file);
        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.get("S-1")).contains(new DeviceCredentials("dev-1", "secret-1b"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void concurrentSavesAreAllOnDisk() throws Exception {
        Path file = dir.resolve("many.json");
        CredentialsStore store = CredentialsStore.open(file);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int base = t * 50;
            threads.add(new Thread(() -> {
                for (int i = base; i < base + 50; i++) {
                    store.save("S-" + i, new DeviceCredentials("dev-" + i, "s" + i));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(CredentialsStore.open(file).size()).isEqualTo(400);
    }

    @Test
    void unusableFileIsAClearErrorAndIsLeftAsItWas() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"S-1\": {\"deviceId\": \"d\"");
        assertThatThrownBy(() -> CredentialsStore.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("credentials file " + file + " is not usable");
        assertThat(Files.readString(file)).isEqualTo("{\"S-1\": {\"deviceId\": \"d\"");

        Files.writeString(file, "{\"S-1\": {\"deviceId\": \"d\"}}");
        assertThatThrownBy(() -> CredentialsStore.open(file)).hasMessageContaining("needs deviceId and secret");
    }

    @Test
    void inMemoryStoreKeepsCredentialsWithoutAFile() {
        CredentialsStore store = CredentialsStore.inMemory();
        store.save("S-1", new DeviceCredentials("d", "s"));
        assertThat(store.get("S-1")).isPresent();
    }
}
