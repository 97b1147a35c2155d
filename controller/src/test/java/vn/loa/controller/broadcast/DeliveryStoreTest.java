package vn.loa.controller.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.storage.Database;
import vn.loa.controller.stream.SourceSpec;

/** Proof-of-play rows in a real H2 file database, migrated as the server migrates it. */
class DeliveryStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    /** A speaker's history of broadcasts, the dimension that grows for as long as the installation runs. */
    private static final int BROADCASTS = 200;
    private static final int SPEAKERS = 30;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @TempDir
    Path dir;
    private Database database;
    private Jdbi jdbi;
    private DeliveryStore store;

    @BeforeEach
    void start() {
        database = new Database(Database.h2FileUrl(dir), "sa", "", 2);
        jdbi = database.jdbi();
        store = new DeliveryStore(jdbi);
        BroadcastStore broadcasts = new BroadcastStore(jdbi);
        for (int i = 0; i < BROADCASTS; i++) {
            broadcasts.insert(new BroadcastRecord("b" + i, "Bản tin " + i, SourceSpec.ofMedia(List.of(1L), false), Map.of(),
                    Priority.NORMAL, null, "admin", null, T0.plusSeconds(i), null, null, null, BroadcastRecord.ACTIVE,
                    null, null, null));
        }
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void anUpdateChangesOnlyItsOwnRow() {
        List<DeliveryRow> inserts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            inserts.add(new Delivery("b" + i, "sp-1", 7L).row(T0));
            inserts.add(new Delivery("b" + i, "sp-2", 7L).row(T0));
        }
        store.write(inserts, List.of());

        Delivery playing = new Delivery("b3", "sp-1", 7L);
        playing.started(T0.plusSeconds(1));
        store.write(List.of(), List.of(playing.row(T0.plusSeconds(2))));

        assertThat(store.of("b3")).extracting(DeliveryRow::deviceId, DeliveryRow::outcome)
                .containsExactlyInAnyOrder(tuple("sp-1", Outcome.playing),
                        tuple("sp-2", Outcome.pending));
        assertThat(store.of("b4")).extracting(DeliveryRow::outcome).containsOnly(Outcome.pending);
    }

    /**
     * A speaker has a row for every broadcast that ever reached it, and a broadcast one for each of thousands of
     * speakers. An update that looked its row up by device, or by broadcast, would walk all of those: a
     * province-wide switch makes thousands of updates. It must read its one row by the primary key.
     */
    @Test
    void anUpdateReadsOnlyItsOwnRow() {
        List<DeliveryRow> inserts = new ArrayList<>();
        for (int b = 0; b < BROADCASTS; b++) {
            for (int d = 0; d < SPEAKERS; d++) {
                inserts.add(new Delivery("b" + b, "sp-" + d, 7L).row(T0));
            }
        }
        store.write(inserts, List.of());
        String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN ANALYZE UPDATE deliveries SET outcome = 'played'"
                        + " WHERE broadcast_id = 'b150' AND device_id = 'sp-12'")
                .mapTo(String.class)
                .one());
        Matcher scanned = SCAN_COUNT.matcher(plan);
        assertThat(scanned.find()).as(plan).isTrue();
        assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(2);
    }
}
