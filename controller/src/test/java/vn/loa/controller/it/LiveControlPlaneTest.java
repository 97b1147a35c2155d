package vn.loa.controller.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One live control plane per test class: the broker takes seconds to start, so the tests of a class share it
 * and keep apart by using their own serials.
 */
abstract class LiveControlPlaneTest {
    @TempDir
    static Path dir;
    static LiveControlPlane loa;

    @BeforeAll
    static void startControlPlane() {
        loa = LiveControlPlane.start(dir);
    }

    @AfterAll
    static void stopControlPlane() {
        loa.close();
    }
}
