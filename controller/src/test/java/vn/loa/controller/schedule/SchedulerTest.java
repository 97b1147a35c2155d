package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.broadcast.BroadcastRequest;
import vn.loa.controller.broadcast.Priority;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.storage.Database;
import vn.loa.controller.stream.SourceSpec;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.Poll;

/** The scheduler over a real H2 file database, starting occurrences through a recording launcher. */
class SchedulerTest {
    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Duration GRACE = Duration.ofSeconds(300);
    private static final LocalDate DAY = LocalDate.of(2027, 1, 4);
    private static final Instant SIX = DAY.atTime(6, 0).atZone(HANOI).toInstant();

    @TempDir
    Path dir;
    private Database database;
    private Jdbi jdbi;
    private ScheduleRepository repository;
    private final RecordingLauncher launcher = new RecordingLauncher();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Scheduler scheduler;

    @BeforeEach
    void database() {
        database = new Database(Database.h2FileUrl(dir), "sa", "", 2);
        jdbi = database.jdbi();
        repository = new ScheduleRepository(jdbi);
        logged.start();
        ((Logger) LoggerFactory.getLogger(Scheduler.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        ((Logger) LoggerFactory.getLogger(Scheduler.class)).detachAppender(logged);
        database.close();
    }

    @Test
    void anOccurrenceStartsWithin100MillisecondsOfItsInstant() {
        scheduler = scheduler(Clock.systemUTC());
        scheduler.start();
        // a schedule made while the scheduler runs, a few seconds ahead (past its wake-up lead)
        ZonedDateTime instant = ZonedDateTime.now(HANOI).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        long id = repository.insert(daily("Bản tin đúng giờ", instant.toLocalDate(), instant.toLocalTime()), "test",
                Instant.now());
        scheduler.changed();

        Poll.until("the occurrence to start", Duration.ofSeconds(15), () -> !launcher.starts.isEmpty());
        RecordingLauncher.Start start = launcher.starts.get(0);
        Duration late = Duration.between(instant.toInstant(), start.calledAt());
        assertThat(late.isNegative()).as("started before its instant: " + late).isFalse();
        assertThat(late).as("measured from the scheduled instant").isLessThan(Duration.ofMillis(100));
        BroadcastRequest request = start.request();
        assertThat(request.scheduleId()).isEqualTo(id);
        assertThat(request.occurrenceAt()).isEqualTo(instant.toInstant());
        assertThat(request.endsAt()).isEqualTo(instant.toInstant().plus(Duration.ofMinutes(30)));
        assertThat(request.startAtMillis()).isLessThan(100);
        assertThat(request.name()).isEqualTo("Bản tin đúng giờ");
        assertThat(request.priority()).isEqualTo(Priority.NORMAL);
        assertThat(request.targets()).containsExactly(CommandTarget.area("1"));
        assertThat(start.caller().username()).isEqualTo("schedule:" + id);
        assertThat(start.caller().role()).isEqualTo(Role.ADMIN);
        assertThat(start.caller().areaId()).isNull();
        assertThat(launcher.starts).hasSize(1);
    }

    @Test
    void aMisfireWithinTheGraceIsStartedLateWhereItWouldBe() {
        long id = sixOClockDaily();
        MutableClock clock = new MutableClock(SIX.plusSeconds(180));

        scheduler = scheduler(clock);
        scheduler.start();

        assertThat(launcher.starts).hasSize(1);
        BroadcastRequest request = launcher.starts.get(0).request();
        assertThat(request.occurrenceAt()).isEqualTo(SIX);
        assertThat(request.startAtMillis()).isEqualTo(180_000);
        assertThat(request.endsAt()).isEqualTo(SIX.plus(Duration.ofMinutes(30)));
        assertThat(misfireAudit(id)).contains(SIX.toString()).contains("started 180 s late");
        assertThat(infoLines()).anySatisfy(line -> assertThat(line).contains("schedule " + id)
                .contains(SIX.toString()).contains("started 180 s late"));
    }

    @Test
    void aMisfireBeyondTheGraceIsSkippedAndLogged() {
        long id = sixOClockDaily();
        MutableClock clock = new MutableClock(SIX.plus(GRACE).plusSeconds(1));

        scheduler = scheduler(clock);
        scheduler.start();

        assertThat(launcher.starts).isEmpty();
        assertThat(misfireAudit(id)).contains("skipped").contains("301 s late");
        assertThat(infoLines()).anySatisfy(line -> assertThat(line).contains("schedule " + id)
                .contains(SIX.toString()).contains("skipped"));
    }

    @Test
    void anOccurrenceAlreadyStartedIsNotStartedAgain() {
        long id = sixOClockDaily();
        MutableClock clock = new MutableClock(SIX.plusSeconds(60));
        ScheduleDraft draft = repository.find(id).orElseThrow().draft();
        new LoggingBroadcastLauncher(jdbi, clock).start(new Caller("schedule:" + id,
                Role.ADMIN, null), new BroadcastRequest(draft.name(), draft.source(), draft.targets(),
                draft.priority(), null, SIX.plus(Duration.ofMinutes(30)), id, SIX, 0));

        scheduler = scheduler(clock);
        scheduler.start();

        assertThat(launcher.starts).isEmpty();
        assertThat(new ScheduledBroadcasts(jdbi).active(id)).hasSize(1);
    }

    @Test
    void aDisabledScheduleIsNotRecovered() {
        ScheduleDraft enabled = daily("Tắt", DAY, LocalTime.of(6, 0));
        repository.insert(new ScheduleDraft(enabled.name(), enabled.source(), enabled.targets(), enabled.priority(),
                null, null, enabled.recurrence(), false), "test", Instant.now());
        scheduler = scheduler(new MutableClock(DAY.atTime(6, 1).atZone(HANOI).toInstant()));
        scheduler.start();

        assertThat(launcher.starts).isEmpty();
        assertThat(infoLines()).noneSatisfy(line -> assertThat(line).contains("missed"));
    }

    /** A daily programme at 06:00 from {@link #DAY}, whose first occurrence is {@link #SIX}. */
    private long sixOClockDaily() {
        return repository.insert(daily("Bản tin sáng", DAY, LocalTime.of(6, 0)), "test", Instant.now());
    }

    private Scheduler scheduler(Clock clock) {
        return new Scheduler(repository, new ScheduledBroadcasts(jdbi), () -> launcher, new AuditLog(jdbi),
                new ScheduleSettings(HANOI, Optional.empty(), GRACE), clock);
    }

    private static ScheduleDraft daily(String name, LocalDate from, LocalTime at) {
        return new ScheduleDraft(name, SourceSpec.ofMedia(List.of(1L), false), List.of(CommandTarget.area("1")),
                Priority.NORMAL, null, null, new Recurrence("FREQ=DAILY", from, at, Duration.ofMinutes(30),
                new TreeSet<>()), true);
    }

    private String misfireAudit(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE action = 'schedule.misfire'"
                        + " AND target = :target").bind("target", "schedule:" + id).mapTo(String.class).one());
    }

    private List<String> infoLines() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
