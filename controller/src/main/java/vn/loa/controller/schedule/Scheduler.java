package vn.loa.controller.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.broadcast.BroadcastLauncher;
import vn.loa.controller.broadcast.BroadcastRequest;
import vn.loa.controller.broadcast.PreparedBroadcast;

/**
 * Starts each occurrence of every enabled schedule on its own thread. It wakes {@link #LEAD} ahead of the next
 * occurrence to prepare the request, then waits precisely (sleeping, and spinning the last
 * {@link #SPIN} of it) so the broadcast is started at the instant; ending it is the broadcast service's job.
 * On {@link #start()} an occurrence whose window holds the present and that never started (the server was down)
 * is a misfire: started late within the grace, else skipped, and either way logged and audited.
 */
public final class Scheduler implements AutoCloseable {
    /** How long before an occurrence the scheduler wakes to prepare its start. */
    static final Duration LEAD = Duration.ofSeconds(2);
    /** The longest sleep without looking again at the schedules. */
    static final Duration MAX_IDLE = Duration.ofMinutes(1);
    /** An occurrence whose start passed this little ago (a late wake-up) is still started. */
    static final Duration LATE_TOLERANCE = Duration.ofSeconds(5);
    /** The end of the wait that is spun rather than slept, so timer slack cannot make the start late. */
    static final Duration SPIN = Duration.ofMillis(3);
    /** Who the scheduler's own audit records name. */
    static final String ACTOR = "(scheduler)";
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final ScheduleRepository schedules;
    private final ScheduledBroadcasts broadcasts;
    private final Supplier<BroadcastLauncher> launcher;
    private final AuditLog audit;
    private final ScheduleSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong changes = new AtomicLong();
    /** Occurrences already started, skipped or found started; only recent ones are kept. */
    private final Set<Key> handled = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread thread;

    private record Key(long scheduleId, Instant start) {
    }

    private record Due(Schedule schedule, Occurrence occurrence) {
        Key key() {
            return new Key(schedule.id(), occurrence.start());
        }
    }

    Scheduler(ScheduleRepository schedules, ScheduledBroadcasts broadcasts, Supplier<BroadcastLauncher> launcher,
              AuditLog audit, ScheduleSettings settings, Clock clock) {
        this.schedules = schedules;
        this.broadcasts = broadcasts;
        this.launcher = launcher;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Deals with misfires, then starts the scheduler's thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        recoverMisfires();
        running = true;
        thread = new Thread(this::run, "loa-scheduler");
        thread.setDaemon(true);
        thread.start();
        log.info("scheduler started: times in {}, misfire grace {} s", settings.zone(),
                settings.misfireGrace().toSeconds());
    }

    /** The schedules changed: look again at what comes next. */
    public void changed() {
        lock.lock();
        try {
            changes.incrementAndGet();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread worker;
        synchronized (this) {
            running = false;
            worker = thread;
        }
        changed();
        if (worker != null) {
            try {
                worker.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void recoverMisfires() {
        Instant now = clock.instant();
        for (Schedule schedule : schedules.enabled()) {
            for (Occurrence occurrence : schedule.draft().recurrence().between(now, now.plusNanos(1), settings.zone(), 2)) {
                if (occurrence.contains(now)) {
                    recover(new Due(schedule, occurrence), now);
                }
            }
        }
    }

    private void recover(Due due, Instant now) {
        handled.add(due.key());
        long id = due.schedule().id();
        Instant start = due.occurrence().start();
        if (broadcasts.started(id, start)) {
            return;
        }
        Duration late = Duration.between(start, now);
        long grace = settings.misfireGrace().toSeconds();
        if (late.compareTo(settings.misfireGrace()) <= 0) {
            String decision = "missed while the server was down: started " + late.toSeconds() + " s late (grace "
                    + grace + " s)";
            log.info("schedule {} occurrence {}: {}", id, start, decision);
            audit.record(ACTOR, "schedule.misfire", "schedule:" + id, "occurrence " + start + " " + decision);
            launch(due, request(due, late.toMillis()), now);
        } else {
            String decision = "missed while the server was down: skipped, " + late.toSeconds() + " s late is beyond"
                    + " the grace of " + grace + " s";
            log.info("schedule {} occurrence {}: {}", id, start, decision);
            audit.record(ACTOR, "schedule.misfire", "schedule:" + id, "occurrence " + start + " " + decision);
        }
    }

    private void run() {
        while (running) {
            long seen = changes.get();
            try {
                Instant now = clock.instant();
                forgetOldOccurrences(now);
                Optional<Due> next = next(now);
                Instant wakeAt = next.map(d -> d.occurrence().start().minus(LEAD)).orElse(now.plus(MAX_IDLE));
                if (now.isBefore(wakeAt)) {
                    sleep(min(Duration.between(now, wakeAt), MAX_IDLE), seen);
                    continue;
                }
                Due due = next.orElseThrow();
                if (broadcasts.started(due.schedule().id(), due.occurrence().start())) {
                    handled.add(due.key());
                    continue;
                }
                Optional<PreparedBroadcast> prepared = prepare(due);
                if (prepared.isEmpty()) {
                    continue;
                }
                try (PreparedBroadcast ready = prepared.get()) {
                    if (awaitInstant(due.occurrence().start(), seen)) {
                        launch(due, ready, clock.instant());
                    }
                }
            } catch (RuntimeException e) {
                log.error("scheduler step failed; trying again", e);
                sleep(RETRY_AFTER_FAILURE, seen);
            }
        }
    }

    /** The earliest occurrence of any enabled schedule not yet handled, starting no earlier than a moment ago. */
    private Optional<Due> next(Instant now) {
        Instant from = now.minus(LATE_TOLERANCE);
        Due best = null;
        for (Schedule schedule : schedules.enabled()) {
            for (Occurrence occurrence : schedule.draft().recurrence().upcoming(from, settings.zone(), 2)) {
                Due due = new Due(schedule, occurrence);
                if (handled.contains(due.key())) {
                    continue;
                }
                if (best == null || occurrence.start().isBefore(best.occurrence().start())) {
                    best = due;
                }
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Checks the occurrence, finds its speakers and reads its playlist ahead of the instant, so that starting it then
     * costs only the stream's opening; empty (and handled) when it cannot start.
     */
    private Optional<PreparedBroadcast> prepare(Due due) {
        try {
            return Optional.of(launcher.get().prepare(callerOf(due), request(due, 0)));
        } catch (RuntimeException e) {
            handled.add(due.key());
            startFailed(due, e);
            return Optional.empty();
        }
    }

    /** Starts the prepared occurrence at its instant; when late, a fresh one from where it should be by now. */
    private void launch(Due due, PreparedBroadcast prepared, Instant at) {
        long lateMillis = Math.max(0, Duration.between(due.occurrence().start(), at).toMillis());
        launch(due, at, () -> lateMillis == 0 ? launcher.get().start(prepared)
                : launcher.get().start(callerOf(due), request(due, lateMillis)));
    }

    private void launch(Due due, BroadcastRequest request, Instant at) {
        launch(due, at, () -> launcher.get().start(callerOf(due), request));
    }

    private void launch(Due due, Instant at, Supplier<String> start) {
        handled.add(due.key());
        try {
            String broadcast = start.get();
            log.info("schedule {} occurrence {} started as broadcast {}, {} ms after its instant", due.schedule().id(),
                    due.occurrence().start(), broadcast, Duration.between(due.occurrence().start(), at).toMillis());
        } catch (RuntimeException e) {
            startFailed(due, e);
        }
    }

    private static Caller callerOf(Due due) {
        Schedule schedule = due.schedule();
        return new Caller("schedule:" + schedule.id(), Role.ADMIN, schedule.draft().areaId());
    }

    private void startFailed(Due due, RuntimeException e) {
        long id = due.schedule().id();
        log.warn("schedule {} occurrence {} could not start: {}", id, due.occurrence().start(), e.getMessage());
        audit.record(ACTOR, "schedule.start-failed", "schedule:" + id, "occurrence " + due.occurrence().start()
                + ": " + e.getMessage());
    }

    private static BroadcastRequest request(Due due, long startAtMillis) {
        ScheduleDraft draft = due.schedule().draft();
        Occurrence occurrence = due.occurrence();
        return new BroadcastRequest(draft.name(), draft.source(), draft.targets(), draft.priority(), draft.volume(),
                occurrence.end(), due.schedule().id(), occurrence.start(), startAtMillis);
    }

    /** Waits until the instant; false when the schedules changed or the scheduler is closing meanwhile. */
    private boolean awaitInstant(Instant instant, long seen) {
        while (running && changes.get() == seen) {
            Duration remaining = Duration.between(clock.instant(), instant);
            if (remaining.isNegative() || remaining.isZero()) {
                return true;
            }
            if (remaining.compareTo(SPIN) > 0) {
                sleep(remaining.minus(SPIN), seen);
            } else {
                Thread.onSpinWait();
            }
        }
        return false;
    }

    /** Sleeps for {@code duration} or until the schedules change (or already changed since {@code seen}). */
    private void sleep(Duration duration, long seen) {
        lock.lock();
        try {
            if (running && changes.get() == seen) {
                wake.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void forgetOldOccurrences(Instant now) {
        Instant horizon = now.minus(Recurrence.MAX_DURATION).minus(LATE_TOLERANCE);
        handled.removeIf(key -> key.start().isBefore(horizon));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
