package vn.loa.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.TestServers;

class AdminBootstrapTest {
    @TempDir
    Path dataDir;

    @Test
    void configuredPasswordIsUsedAndNothingIsWritten() {
        try (LoaServer server = TestServers.start(dataDir)) {
            assertThat(TestServers.admin(server).get("/api/me").json().get("role").asText()).isEqualTo("admin");
            assertThat(dataDir.resolve(AdminBootstrap.PASSWORD_FILE_NAME)).doesNotExist();
        }
    }

    @Test
    void generatedPasswordIsWrittenOnceOwnerOnlyAndKeptAcrossRestarts() throws IOException {
        Path file = dataDir.resolve(AdminBootstrap.PASSWORD_FILE_NAME);
        String password;
        try (LoaServer server = startWithoutAdminPassword()) {
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            password = Files.readString(file).trim();
            assertThat(password).hasSize(43);
            TestServers.anonymous(server).login("admin", password);
        }

        try (LoaServer restarted = startWithoutAdminPassword()) {
            assertThat(Files.readString(file).trim()).isEqualTo(password);
            TestServers.anonymous(restarted).login("admin", password);
        }
    }

    @Test
    void configuredPasswordDoesNotReplaceAnExistingAdmin() {
        try (LoaServer first = TestServers.start(dataDir)) {
            TestServers.admin(first);
        }
        try (LoaServer second = new LoaServer(TestServers.config(dataDir, Map.of("admin.password", "another-one"))).start()) {
            assertThat(TestServers.anonymous(second).post("/api/login",
                    Map.of("username", "admin", "password", "another-one")).status()).isEqualTo(401);
            TestServers.admin(second);
        }
    }

    private LoaServer startWithoutAdminPassword() {
        return new LoaServer(TestServers.config(dataDir, Map.of("admin.password", ""))).start();
    }
}
