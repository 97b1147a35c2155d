package vn.loa.controller.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;

/** One real server per test class (see {@link TestServers}), with a client logged in as the admin. */
public abstract class RealServerTest {
    @TempDir
    static Path dataDir;
    protected static LoaServer server;
    protected static ApiClient admin;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(dataDir);
        admin = TestServers.admin(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
