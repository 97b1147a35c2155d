package vn.loa.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.device.LiveStateStore;
import vn.loa.controller.events.DeviceAreaPaths;
import vn.loa.controller.events.EventScope;
import vn.loa.controller.storage.Database;
import vn.loa.controller.testing.MutableClock;

/** Presence transitions of the live state, written to {@code presence_events} in batches and announced. */
class PresenceHistoryTest {
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private Jdbi jdbi;
    private final MutableClock clock = new MutableClock(START);
    private final List<String> announced = new ArrayList<>();
    private final List<Map<String, ?>> announcedData = new ArrayList<>();
    private PresenceHistory history;
    private LiveStateStore live;
    private String areaPath;

    @BeforeEach
    void start() {
        database = new Database(Database.h2FileUrl(dir), "sa", "", 4);
        jdbi = database.jdbi();
        long area = jdbi.withHandle(h -> h.createUpdate("INSERT INTO areas (name, kind, path, created_at)"
                        + " VALUES ('Xã An', 'commune', '/', CURRENT_TIMESTAMP)")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        areaPath = "/" + area + "/";
        jdbi.useHandle(h -> h.createUpdate("UPDATE areas SET path = :path").bind("path", areaPath).execute());
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO devices (id, serial, status, area_id, created_at, updated_at)"
                + " VALUES ('d1', 'SN-d1', 'active', :area, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .bind("area", area).execute());
        history = new PresenceHistory(jdbi, (type, data) -> {
            announced.add(type);
            announcedData.add(data);
        }, new DeviceAreaPaths(jdbi), new SimpleMeterRegistry(), clock);
        live = new LiveStateStore(new SimpleMeterRegistry(), history);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void recordsOnlyRealTransitionsInOrder() {
        live.connected("d1", 1, clock.instant());
        clock.advance(Duration.ofSeconds(5));
        live.connected("d1", 2, clock.instant());
        live.disconnected("d1", 2, 30, clock.instant());
        clock.advance(Duration.ofSeconds(10));
        live.connected("d1", 3, clock.instant());
        clock.advance(Duration.ofSeconds(10));
        live.disconnected("d1", 3, 30, clock.instant());
        clock.advance(Duration.ofSeconds(30));
        live.expireWillDelays(clock.instant());
        clock.advance(Duration.ofSeconds(60));
        live.connected("d1", 4, clock.instant());
        live.offline("d1");
        assertThat(rows()).as("nothing written before the job runs").isEmpty();

        history.job().task().run();

        assertThat(rows()).containsExactly(
                "online " + START,
                "offline " + START.plusSeconds(55),
                "online " + START.plusSeconds(115),
                "offline " + START.plusSeconds(115));
        assertThat(announced).containsExactly(PresenceHistory.ONLINE_EVENT, PresenceHistory.OFFLINE_EVENT,
                PresenceHistory.ONLINE_EVENT, PresenceHistory.OFFLINE_EVENT);
        assertThat(announcedData.get(0).get("deviceId")).isEqualTo("d1");
        assertThat(announcedData.get(0).get(EventScope.AREA_PATH)).isEqualTo(areaPath);
        assertThat(announcedData.get(1).get("at")).isEqualTo(START.plusSeconds(55).toString());
    }

    @Test
    void writesLargeBacklogsInBatches() {
        int count = PresenceHistory.BATCH * 2 + 7;
        for (int i = 0; i < count; i++) {
            live.connected("dev-" + i, i, clock.instant());
        }
        history.job().task().run();
        long written = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM presence_events").mapTo(Long.class)
                .one());
        assertThat(written).isEqualTo(count);
        assertThat(announced).hasSize(count);
    }

    @Test
    void historyLeftOpenByAStoppedServerClosesWhenTheDeviceWasLastSeen() {
        live.connected("d1", 1, clock.instant());
        history.job().task().run();
        Instant lastSeen = START.plusSeconds(3600);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO device_state (device_id, online, last_seen, updated_at)"
                + " VALUES ('d1', TRUE, :seen, :seen)").bind("seen", OffsetDateTime.ofInstant(lastSeen,
                ZoneOffset.UTC)).execute());

        history.closeOpenHistory();
        history.closeOpenHistory();

        assertThat(rows()).containsExactly("online " + START, "offline " + lastSeen);
    }

    @Test
    void pruningKeepsTheLastTransitionBeforeTheCutoff() {
        live.connected("d1", 1, clock.instant());
        clock.advance(Duration.ofDays(2));
        live.offline("d1");
        clock.advance(Duration.ofDays(2));
        live.connected("d1", 2, clock.instant());
        clock.advance(Duration.ofDays(2));
        live.offline("d1");
        history.job().task().run();

        history.pruneJob(Duration.ofDays(3)).task().run();

        assertThat(rows()).containsExactly("offline " + START.plus(Duration.ofDays(2)),
                "online " + START.plus(Duration.ofDays(4)), "offline " + START.plus(Duration.ofDays(6)));
    }

    @Test
    void aBacklogOverTheLimitIsCountedAsLost() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PresenceHistory backlog = new PresenceHistory(jdbi, (type, data) -> { }, new DeviceAreaPaths(jdbi), meters,
                clock);
        for (int i = 0; i <= PresenceHistory.MAX_QUEUED; i++) {
            backlog.presenceChanged("d1", i % 2 == 0);
        }
        assertThat(meters.get("loa.presence.history.lost").counter().count()).isEqualTo(1);
    }

    private List<String> rows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, online FROM presence_events WHERE device_id = 'd1'"
                        + " ORDER BY id")
                .map((rs, ctx) -> (rs.getBoolean("online") ? "online " : "offline ")
                        + rs.getObject("at", OffsetDateTime.class).toInstant())
                .list());
    }
}
