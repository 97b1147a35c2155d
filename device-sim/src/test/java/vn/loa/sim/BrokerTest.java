package vn.loa.sim;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One anonymous Mosquitto for all the tests of a class; each test uses its own serials so they do not meet. */
abstract class BrokerTest {
    @TempDir
    static Path dir;
    static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.start(dir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }
}
