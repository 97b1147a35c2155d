package vn.loa.controller.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.testing.TestServers;

class LoaServerTest {
    @TempDir
    Path dir;

    @Test
    void createsDataDirAndDatabaseFile() {
        Path dataDir = dir.resolve("nested/data");
        try (LoaServer server = TestServers.start(dataDir)) {
            assertThat(server.dataDir()).isDirectory();
            assertThat(dataDir.resolve("loa.mv.db")).exists();
            assertThat(server.httpPort()).isPositive();
            assertThat(TestServers.anonymous(server).get("/api/health").status()).isEqualTo(200);
        }
    }

    @Test
    void provisioningKeyIsGeneratedOnceOwnerOnlyUnlessConfigured() throws IOException {
        String generated;
        try (LoaServer server = TestServers.start(dir)) {
            generated = server.provisioningKey();
            Path file = dir.resolve(LoaServer.PROVISIONING_KEY_FILE);
            assertThat(Files.readString(file).trim()).isEqualTo(generated);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (LoaServer again = TestServers.start(dir)) {
            assertThat(again.provisioningKey()).isEqualTo(generated);
        }
        try (LoaServer configured = new LoaServer(TestServers.config(dir, Map.of("provisioning.key", "from-config")))) {
            assertThat(configured.provisioningKey()).isEqualTo("from-config");
        }
    }

    @Test
    void stopIsIdempotentAndFreesThePort() throws IOException {
        LoaServer server = TestServers.start(dir);
        int port = server.httpPort();
        server.close();
        server.close();
        try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(reuse.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void busyPortFailsStartAndReleasesTheDatabase() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LoaServer server = new LoaServer(TestServers.config(dir, Map.of("http.port", String.valueOf(taken.getLocalPort()))));
            assertThatThrownBy(server::start).hasMessageContaining(String.valueOf(taken.getLocalPort()));
            server.close();
        }
        try (LoaServer after = TestServers.start(dir)) {
            assertThat(TestServers.admin(after).get("/api/me").status()).isEqualTo(200);
        }
    }
}
