package vn.loa.controller.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loa.controller.testing.Poll;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.message.CommandResult;

/** What a restarted server makes of the commands a previous run left pending in the database. */
class CommandRecoveryTest extends ControlPlaneTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    CommandService restarted;

    @AfterEach
    void stopRestarted() {
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void pendingResultsPastTheirExpiryAreTimedOutAndTheOthersCanStillBeAnswered() {
        Instant now = Instant.now();
        insertPending("expiredcommand01", now.minusSeconds(120), now.minusSeconds(60));
        insertPending("livecommand00001", now.minusSeconds(5), now.plusSeconds(300));

        restarted = fx.newCommandService();
        fx.devices.answerWith(restarted::onResult);
        restarted.start();
        restarted.onResult("a1", MessageCodec.encode(CommandResult.ok("livecommand00001")));

        Poll.until("the expired command timed out", DEADLINE,
                () -> "timed_out".equals(status("expiredcommand01")));
        Poll.until("the live command answered", DEADLINE, () -> "ok".equals(status("livecommand00001")));
        assertThat(restarted.find(ControlPlaneFixture.ADMIN, "livecommand00001").done()).isTrue();
    }

    private void insertPending(String id, Instant created, Instant expires) {
        fx.jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO commands (id, type, target_kind, target_id, created_by, created_at, expires_at)"
                            + " VALUES (:id, 'ping', 'device', 'a1', 'admin', :created, :expires)")
                    .bind("id", id)
                    .bind("created", OffsetDateTime.ofInstant(created, ZoneOffset.UTC))
                    .bind("expires", OffsetDateTime.ofInstant(expires, ZoneOffset.UTC))
                    .execute();
            h.createUpdate("INSERT INTO command_results (command_id, device_id, status, updated_at)"
                            + " VALUES (:id, 'a1', 'pending', :created)")
                    .bind("id", id)
                    .bind("created", OffsetDateTime.ofInstant(created, ZoneOffset.UTC))
                    .execute();
        });
    }

    private String status(String commandId) {
        return fx.jdbi.withHandle(h -> h.createQuery("SELECT status FROM command_results WHERE command_id = :id")
                .bind("id", commandId).mapTo(String.class).one());
    }
}
