package vn.loa.controller.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.device.DeviceTestKit;
import vn.loa.protocol.message.Telemetry;

class TelemetryRollupTest {
    private static final int RAW_DAYS = 2;
    private static final int HOURLY_DAYS = 30;
    @TempDir
    Path dir;
    private DeviceTestKit kit;
    private TelemetryRollup rollup;

    @BeforeEach
    void setUp() {
        kit = new DeviceTestKit(dir);
        rollup = new TelemetryRollup(kit.jdbi, kit.clock, RAW_DAYS, HOURLY_DAYS);
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void rollsFinishedHoursIntoAggregates() {
        report("sp-a", "2026-03-02T08:00:10Z", 40, -70, 30.0, "vov1");
        report("sp-a", "2026-03-02T08:30:00Z", 60, -90, 40.0, null);
        report("sp-a", "2026-03-02T09:10:00Z", 50, -80, 35.0, "vov1");
        report("sp-b", "2026-03-02T08:20:00Z", 10, -100, 20.0, null);
        report("sp-a", "2026-03-02T10:01:00Z", 90, -60, 50.0, null);
        kit.clock.set(Instant.parse("2026-03-02T10:05:00Z"));

        rollup.run();

        Map<String, Object> a8 = hourly("sp-a", "2026-03-02T08:00:00Z");
        assertThat(a8).containsEntry("samples", 2).containsEntry("playing_samples", 1);
        assertThat(((Number) a8.get("signal_min")).intValue()).isEqualTo(-90);
        assertThat(((Number) a8.get("signal_max")).intValue()).isEqualTo(-70);
        assertThat(((Number) a8.get("volume_avg")).doubleValue()).isEqualTo(50.0);
        assertThat(((Number) a8.get("signal_avg")).doubleValue()).isEqualTo(-80.0);
        assertThat(((Number) a8.get("temperature_avg")).doubleValue()).isEqualTo(35.0);
        assertThat(((Number) a8.get("temperature_max")).doubleValue()).isEqualTo(40.0);
        assertThat(hourly("sp-a", "2026-03-02T09:00:00Z")).containsEntry("samples", 1);
        assertThat(hourly("sp-b", "2026-03-02T08:00:00Z")).containsEntry("samples", 1);
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_hourly")).as("the current hour is not finished")
                .isEqualTo(3);
    }

    @Test
    void runningAgainChangesNothingAndPicksUpLateReports() {
        report("sp-a", "2026-03-02T09:10:00Z", 50, -80, 35.0, null);
        kit.clock.set(Instant.parse("2026-03-02T10:05:00Z"));
        rollup.run();
        rollup.run();
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_hourly")).isEqualTo(1);

        report("sp-a", "2026-03-02T09:59:59Z", 70, -80, 35.0, null);
        kit.clock.set(Instant.parse("2026-03-02T10:20:00Z"));
        rollup.run();

        assertThat(hourly("sp-a", "2026-03-02T09:00:00Z")).containsEntry("samples", 2);
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_hourly")).isEqualTo(1);
        TelemetryRollup restarted = new TelemetryRollup(kit.jdbi, kit.clock, RAW_DAYS, HOURLY_DAYS);
        restarted.run();
        assertThat(hourly("sp-a", "2026-03-02T09:00:00Z")).containsEntry("samples", 2);
    }

    @Test
    void deletesRowsPastTheirRetentionAndNeverRerollsAPartlyDeletedHour() {
        report("sp-a", "2026-03-01T09:30:00Z", 50, -80, 35.0, null);
        report("sp-a", "2026-03-01T10:10:00Z", 50, -80, 35.0, null);
        report("sp-a", "2026-03-01T10:50:00Z", 50, -80, 35.0, null);
        kit.clock.set(Instant.parse("2026-03-02T10:05:00Z"));
        rollup.run();
        assertThat(hourly("sp-a", "2026-03-01T10:00:00Z")).containsEntry("samples", 2);

        kit.clock.set(Instant.parse("2026-03-03T10:30:00Z"));
        rollup.run();
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_raw")).as("older than " + RAW_DAYS + " days").isEqualTo(1);
        kit.clock.set(Instant.parse("2026-03-03T10:40:00Z"));
        new TelemetryRollup(kit.jdbi, kit.clock, RAW_DAYS, HOURLY_DAYS).run();
        assertThat(hourly("sp-a", "2026-03-01T10:00:00Z")).as("the hour whose raw rows are partly gone")
                .containsEntry("samples", 2);
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_hourly")).isEqualTo(2);

        kit.clock.set(Instant.parse("2026-03-31T09:30:00Z"));
        rollup.run();
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_raw")).isZero();
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_hourly")).as("older than " + HOURLY_DAYS + " days")
                .isEqualTo(1);
    }

    @Test
    void refusesARetentionThatWouldLoseData() {
        assertThatThrownBy(() -> new TelemetryRollup(kit.jdbi, kit.clock, 0, 30))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelemetryRollup(kit.jdbi, kit.clock, 7, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void report(String device, String at, int volume, int signal, double temperature, String playing) {
        kit.telemetry.record(device, new Telemetry(1, volume, false, true, playing, signal, temperature, 60L, null),
                Instant.parse(at));
        kit.telemetry.flush();
    }

    private Map<String, Object> hourly(String device, String hour) {
        return kit.jdbi.withHandle(h -> h.createQuery("SELECT * FROM telemetry_hourly WHERE device_id = :d AND hour_start = :h")
                .bind("d", device).bind("h", OffsetDateTime.ofInstant(Instant.parse(hour), ZoneOffset.UTC))
                .mapToMap().one());
    }
}
