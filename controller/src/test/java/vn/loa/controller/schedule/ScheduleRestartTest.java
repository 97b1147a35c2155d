package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.TestServers;

/**
 * Schedules survive restarts of a real server on one H2 file: down at the start instant, the occurrence is started
 * late on the next start (within the grace); stopped in the middle of its window, it is not started a second time.
 */
class ScheduleRestartTest {
    private static final LocalDate DAY = LocalDate.of(2027, 1, 4);
    private static final Instant SIX = DAY.atTime(6, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();

    @TempDir
    Path dataDir;

    @Test
    void anOccurrenceMissedWhileDownStartsOnceAfterRestarts() {
        MutableClock clock = new MutableClock(SIX.minusSeconds(60));
        long id;
        try (LoaServer before = TestServers.start(dataDir, Map.of(), clock)) {
            ApiClient admin = TestServers.admin(before);
            long commune = admin.post("/api/areas", Map.of("name", "Xã Khởi Động Lại", "kind", "commune")).json()
                    .get("id").asLong();
            TestServers.activeSpeaker(before, "restart-speaker", commune);
            id = admin.post("/api/schedules", ScheduleApiTest.programme("Bản tin sáng",
                    Map.of("areas", List.of(commune)), Map.of("repeat", "daily", "from", DAY.toString(), "at", "06:00",
                            "durationMinutes", 30))).json().get("id").asLong();
        }

        clock.set(SIX.plusSeconds(180));
        try (LoaServer during = TestServers.start(dataDir, Map.of(), clock)) {
            assertThat(broadcasts(during, id)).containsExactly(SIX.toString() + " by schedule:" + id);
            assertThat(misfires(during, id)).hasSize(1).first().asString().contains("started 180 s late");
        }

        clock.set(SIX.plusSeconds(300));
        try (LoaServer after = TestServers.start(dataDir, Map.of(), clock)) {
            assertThat(broadcasts(after, id)).as("still the one start").hasSize(1);
            assertThat(misfires(after, id)).as("nothing new to decide").hasSize(1);
        }
    }

    private static List<String> broadcasts(LoaServer server, long id) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT occurrence_at, created_by FROM broadcasts"
                        + " WHERE schedule_id = :id")
                .bind("id", id)
                .map((rs, ctx) -> rs.getObject("occurrence_at", OffsetDateTime.class).toInstant() + " by "
                        + rs.getString("created_by"))
                .list());
    }

    private static List<String> misfires(LoaServer server, long id) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE action ="
                        + " 'schedule.misfire' AND target = :target").bind("target", "schedule:" + id)
                .mapTo(String.class).list());
    }
}
