package vn.loa.controller.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.device.DeviceJobs;
import vn.loa.controller.device.DeviceTestKit;
import vn.loa.protocol.message.Telemetry;

class TelemetryWriterTest {
    private static final int FLEET = 10_000;
    private static final Telemetry REPORT = new Telemetry(1, 70, false, true, null, -80, 39.0, 86_400L, 2L);
    @TempDir
    Path dir;
    private DeviceTestKit kit;

    @BeforeEach
    void setUp() {
        kit = new DeviceTestKit(dir);
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void oneReportFromEachOfTenThousandSpeakersLandsInFull() {
        for (int i = 0; i < FLEET; i++) {
            kit.telemetry.record("sp-fleet" + i, REPORT, kit.clock.instant());
        }

        kit.telemetry.flush();

        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_raw")).isEqualTo(FLEET);
        assertThat(kit.count("SELECT COUNT(DISTINCT device_id) FROM telemetry_raw")).isEqualTo(FLEET);
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_raw WHERE volume = 70 AND signal_dbm = -80"
                + " AND amplifier = TRUE AND playing = FALSE AND uptime_s = 86400")).isEqualTo(FLEET);
        assertThat(kit.meters.find("loa.telemetry.written").counter().count()).isEqualTo(FLEET);
        assertThat(kit.telemetry.queued()).isZero();
    }

    @Test
    void dropsAndCountsWhatDoesNotFitTheQueue() {
        for (int i = 0; i < TelemetryWriter.QUEUE_CAPACITY + 3; i++) {
            kit.telemetry.record("sp-burst" + (i % 100), REPORT, kit.clock.instant());
        }

        assertThat(kit.meters.find("loa.telemetry.dropped").counter().count()).isEqualTo(3);
        kit.telemetry.flush();
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_raw")).isEqualTo(TelemetryWriter.QUEUE_CAPACITY);
    }

    @Test
    void closingTheJobsWritesWhatIsStillQueued() {
        DeviceJobs jobs = new DeviceJobs(kit.live, kit.stateTable, kit.clock, List.of(kit.telemetry.job()));
        kit.telemetry.record("sp-last", REPORT, kit.clock.instant());

        jobs.close();

        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_raw WHERE device_id = 'sp-last'")).isEqualTo(1);
    }
}
