package vn.loa.controller.broadcast;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.alarm.Alarms;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.command.AcceptedCommand;
import vn.loa.controller.command.CommandDetails;
import vn.loa.controller.command.CommandService;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.device.LiveState;
import vn.loa.controller.device.LiveStateStore;
import vn.loa.controller.device.PlaybackEvents;
import vn.loa.controller.events.EventFeed;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.controller.storage.RandomIds;
import vn.loa.controller.stream.PlayTargets;
import vn.loa.controller.stream.SourceSpec;
import vn.loa.controller.stream.StreamHandle;
import vn.loa.controller.stream.StreamService;
import vn.loa.controller.tts.TextToSpeech;
import vn.loa.streamer.StreamEvents;
import vn.loa.streamer.source.SourceHealth;

/**
 * Broadcasts: a source played to targets at a priority within a window. Every change of who plays what (a
 * broadcast starting or ending, a speaker reconnecting or joining a targeted group, a playlist running out, a
 * relay dying) happens on one worker thread, through the {@link Switchboard}; API calls wait for it. Broadcasts
 * are stored, so those still on air when the server stops are put back on air when it starts again.
 */
public final class BroadcastService implements BroadcastLauncher, StreamEvents, PlaybackEvents, AutoCloseable {
    /** Broadcasts on air at once. */
    public static final int MAX_ACTIVE = 300;
    public static final int MAX_NAME_LENGTH = 200;
    /** How often the speakers held by broadcasts are checked for a new MQTT connection (a rejoin is due). */
    static final Duration REJOIN_CHECK = Duration.ofMillis(250);
    /** How often targets are resolved again, so a device added to a targeted group or area joins. */
    static final Duration TARGET_REFRESH = Duration.ofSeconds(3);
    static final Duration LEDGER_FLUSH = Duration.ofSeconds(1);
    /** How often live broadcasts are checked for a microphone; an idle one ends at most this late. */
    static final Duration LIVE_IDLE_CHECK = Duration.ofMillis(500);
    /** The end reason of a live broadcast no microphone fed for {@link BroadcastSettings#liveIdle()}. */
    public static final String MICROPHONE_GONE = "microphone-gone";
    /** The end reason of a broadcast whose media an approver withdrew from the air while it played. */
    public static final String MEDIA_WITHDRAWN = "media-withdrawn";
    static final int EMERGENCY_VOLUME = 100;
    private static final Duration WORKER_WAIT = Duration.ofSeconds(30);
    private static final String ID_PREFIX = "b";
    private static final String SERVER = Caller.SERVER.username();
    /** Alarm kinds and end reasons of a relay gone silent or dead: relay-silent, relay-dead. */
    private static final String RELAY_FAILURE = "relay-";

    private static final Logger log = LoggerFactory.getLogger(BroadcastService.class);

    private final StreamService streams;
    private final CommandService commands;
    private final DeviceTargets targets;
    private final TargetSpeakers speakers;
    private final TextToSpeech speech;
    private final AuditLog audit;
    private final Alarms alarms;
    private final EventFeed events;
    private final AreaScopes scopes;
    private final OnAirContent content;
    private final BroadcastSettings settings;
    private final Clock clock;
    private final BroadcastStore store;
    private final DeliveryStore deliveries;
    private final DeliveryLedger ledger;
    private final Switchboard switchboard;
    private final ScheduledThreadPoolExecutor worker = newWorker();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "broadcast-targets"));
    private long order;

    public BroadcastService(Jdbi jdbi, StreamService streams, CommandService commands, DeviceTargets targets,
                            LiveStateStore live, TextToSpeech speech, AuditLog audit, Alarms alarms, EventFeed events,
                            AreaScopes scopes, OnAirContent content, BroadcastSettings settings, Clock clock) {
        this.streams = streams;
        this.commands = commands;
        this.targets = targets;
        this.speakers = new TargetSpeakers(targets);
        this.speech = speech;
        this.audit = audit;
        this.alarms = alarms;
        this.events = events;
        this.scopes = scopes;
        this.content = content;
        this.settings = settings;
        this.clock = clock;
        this.store = new BroadcastStore(jdbi);
        this.deliveries = new DeliveryStore(jdbi);
        this.ledger = new DeliveryLedger(deliveries, clock);
        this.switchboard = new Switchboard(streams, live, ledger, clock, settings.resumeWhereLeft(),
                this::watchResults);
    }

    /** Puts back on air what was on air when the server stopped, then starts the periodic checks. */
    public void start() {
        for (BroadcastRecord record : store.active()) {
            try {
                restore(record);
            } catch (RuntimeException e) {
                log.warn("broadcast {} could not be put back on air: {}", record.id(), e.getMessage());
                onWorker(() -> {
                    endStored(record, "failed: " + e.getMessage());
                    return null;
                });
            }
        }
        worker.scheduleWithFixedDelay(guarded("rejoin", switchboard::rejoinReconnected), REJOIN_CHECK.toMillis(),
                REJOIN_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(guarded("proof of play", ledger::flush), LEDGER_FLUSH.toMillis(),
                LEDGER_FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(guarded("live idle", this::endIdleLive), LIVE_IDLE_CHECK.toMillis(),
                LIVE_IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        refresher.scheduleWithFixedDelay(guarded("targets", this::refreshTargets), TARGET_REFRESH.toMillis(),
                TARGET_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public PreparedBroadcast prepare(Caller caller, BroadcastRequest request) {
        validate(caller, request);
        Map<String, Long> reached = speakers.resolve(caller, request.targets());
        if (reached.isEmpty()) {
            throw ApiException.conflict("the targets have no active speakers", null);
        }
        SourceSpec playable = playable(caller, request.source());
        return new PreparedBroadcast(caller, request, reached, playable,
                streams.prepare(caller, playable, request.startAtMillis()));
    }

    @Override
    public String start(PreparedBroadcast prepared) {
        return launch(prepared).id();
    }

    /** Starts a broadcast and arbitrates its speakers at once; returns it as the API shows it. */
    public BroadcastView launch(Caller caller, BroadcastRequest request) {
        return launch(prepare(caller, request));
    }

    private BroadcastView launch(PreparedBroadcast prepared) {
        Caller caller = prepared.caller();
        BroadcastRequest request = prepared.request();
        try {
            return onWorker(() -> {
                if (switchboard.running().size() >= MAX_ACTIVE) {
                    throw new ApiException(429, "too many broadcasts on air", Map.of("limit", MAX_ACTIVE));
                }
                BroadcastRecord record = new BroadcastRecord(RandomIds.next(ID_PREFIX), request.name(),
                        request.source(), PlayTargets.toJson(request.targets()), request.priority(), volumeOf(request),
                        caller.username(), caller.areaId(), clock.instant(), request.endsAt(), request.scheduleId(),
                        request.occurrenceAt(), BroadcastRecord.ACTIVE, null, null, null);
                RunningBroadcast broadcast = begin(record, prepared, true);
                content.auditUnreviewed(caller, record.id(), request.source(), request.priority());
                audit.record(caller.username(), "broadcast.start", "broadcast:" + record.id(), record.priority()
                        + " \"" + record.name() + "\" to " + record.targets() + " speakers=" + prepared.speakers().size());
                return BroadcastView.of(record, LiveFigures.of(broadcast), null);
            });
        } finally {
            prepared.close(); // nothing left to release once the stream took the source
        }
    }

    public ListPage<BroadcastView> list(Caller caller, boolean activeOnly, Paging page) {
        caller.require(Role.VIEWER);
        String prefix = scopes.scopePrefix(caller).orElse(null);
        if (prefix != null) {
            writeProofOfPlay(); // who sees a broadcast follows from the speakers it reached
        }
        ListPage<BroadcastRecord> records = store.list(activeOnly, prefix, page);
        Map<String, LiveFigures> figures = onWorker(() -> LiveFigures.of(switchboard.running().values()));
        return new ListPage<>(records.items().stream()
                .map(r -> BroadcastView.of(r, figures.get(r.id()), null))
                .toList(), records.total());
    }

    public BroadcastView get(Caller caller, String id) {
        BroadcastRecord record = visible(caller, id);
        LiveFigures figures = onWorker(() -> {
            RunningBroadcast running = switchboard.running().get(id);
            return running == null ? null : LiveFigures.of(running);
        });
        return BroadcastView.of(record, figures, deliveries.outcomes(id));
    }

    public ListPage<DeliveryRow> deliveries(Caller caller, String id, Paging page) {
        visible(caller, id);
        writeProofOfPlay();
        return deliveries.page(id, scopes.scopePrefix(caller).orElse(null), page);
    }

    /** Every proof-of-play row of the broadcast the caller may see, for a CSV download. */
    public List<DeliveryRow> allDeliveries(Caller caller, String id) {
        visible(caller, id);
        writeProofOfPlay();
        return deliveries.all(id, scopes.scopePrefix(caller).orElse(null));
    }

    /** Stops a broadcast; its speakers go back to what they would play. Refused outside the caller's area. */
    public BroadcastView stop(Caller caller, String id) {
        caller.require(Role.OPERATOR);
        BroadcastRecord record = visible(caller, id);
        if (record.priority() == Priority.EMERGENCY) {
            caller.require(settings.emergencyRole());
        }
        for (CommandTarget target : record.targetList()) {
            try {
                targets.requireVisible(caller, target);
            } catch (ApiException e) {
                throw new ApiException(403, "the broadcast plays to speakers outside your area",
                        Map.of("target", target.label()));
            }
        }
        boolean stopped = onWorker(() -> endNow(id, "stopped", caller.username()));
        if (!stopped) {
            throw ApiException.conflict("the broadcast has ended", Map.of("endedAt", String.valueOf(record.endedAt())));
        }
        return get(caller, id);
    }

    @Override
    public void end(String broadcastId, String reason, String by) {
        onWorker(() -> endNow(broadcastId, reason, by));
    }

    @Override
    public boolean isActive(String broadcastId) {
        return switchboard.running().containsKey(broadcastId);
    }

    // ---- events from the streams and the devices (any thread) ------------------------------------------

    @Override
    public void onPlayback(String deviceId, LiveState.Playback playback) {
        later(guarded("playback", () -> switchboard.playback(deviceId, playback)));
    }

    /**
     * An approved media item was withdrawn from the air: the broadcasts playing it end ({@link #MEDIA_WITHDRAWN}),
     * except those that may play unreviewed content (an EMERGENCY of the emergency role, see {@link OnAirContent}).
     */
    public void withdrawn(long mediaId) {
        later(guarded("withdrawal", () -> switchboard.running().values().stream()
                .filter(b -> b.playable.playedMedia().contains(mediaId))
                .filter(b -> !content.exempt(b.caller, b.record.priority()))
                .map(RunningBroadcast::id)
                .toList()
                .forEach(id -> endNow(id, MEDIA_WITHDRAWN, SERVER))));
    }

    @Override
    public void ended(String streamId) {
        later(guarded("stream end", () -> switchboard.legOf(streamId).ifPresent(leg -> {
            switchboard.legEnded(streamId);
            RunningBroadcast broadcast = leg.broadcast;
            if (switchboard.running().containsKey(broadcast.id()) && switchboard.exhausted(broadcast)) {
                endNow(broadcast.id(), "source-ended", SERVER);
            }
        })));
    }

    @Override
    public void healthChanged(String streamId, SourceHealth health) {
        later(guarded("source health", () -> switchboard.legOf(streamId)
                .ifPresent(leg -> relayHealth(leg.broadcast, health))));
    }

    @Override
    public void receiverJoined(String streamId, String deviceId, InetSocketAddress address) {
        // the playback-started event, not the join, is what proof of play counts
    }

    @Override
    public void receiverDropped(String streamId, String deviceId, String reason) {
        // a dropped speaker either reconnects (and is sent a play again) or stays offline
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(WORKER_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("broadcast worker did not stop within {} s", WORKER_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ledger.close();
    }

    // ---- worker side ---------------------------------------------------------------------------------------

    /**
     * Opens the main stream first (its first frame leaves now), then stores the broadcast (when it is new) and
     * claims its speakers.
     */
    private RunningBroadcast begin(BroadcastRecord record, PreparedBroadcast prepared, boolean isNew) {
        long beganNanos = System.nanoTime();
        Caller caller = prepared.caller();
        Map<String, Long> reached = prepared.speakers();
        StreamHandle main = streams.open(caller, record.name(), prepared.source(), record.volume());
        if (isNew) {
            try {
                store.insert(record);
            } catch (RuntimeException e) {
                main.close();
                throw e;
            }
        }
        RunningBroadcast broadcast = new RunningBroadcast(record, prepared.playable(), caller, order++);
        switchboard.begin(broadcast, main, reached);
        if (record.endsAt() != null) {
            long delay = Math.max(0, Duration.between(clock.instant(), record.endsAt()).toMillis());
            broadcast.windowClose = worker.schedule(guarded("window", () -> endNow(record.id(), "window-closed",
                    SERVER)), delay, TimeUnit.MILLISECONDS);
        }
        events.publish(record.priority() == Priority.EMERGENCY ? "emergency.started" : "broadcast.started",
                announcement(record, reached.size()));
        log.info("broadcast {} \"{}\" on air: {} to {} speakers, their play orders sent in {} ms", record.id(),
                record.name(), record.priority(), reached.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beganNanos));
        return broadcast;
    }

    /** Ends a broadcast on air; false if it was not on air. */
    private boolean endNow(String id, String reason, String by) {
        RunningBroadcast broadcast = switchboard.running().get(id);
        if (broadcast == null) {
            return false;
        }
        if (broadcast.windowClose != null) {
            broadcast.windowClose.cancel(false);
        }
        switchboard.end(broadcast);
        store.end(id, clock.instant(), reason, by);
        if (!reason.startsWith(RELAY_FAILURE)) { // a relay that stopped its broadcast stays on the board
            alarms.clear(relayAlarm(id));
        }
        BroadcastRecord record = broadcast.record;
        events.publish(record.priority() == Priority.EMERGENCY ? "emergency.ended" : "broadcast.ended",
                Map.of("id", id, "name", record.name(), "priority", record.priority().name(), "reason", reason));
        audit.record(by, "broadcast.end", "broadcast:" + id, reason);
        log.info("broadcast {} ended: {} (by {})", id, reason, by);
        return true;
    }

    private void restore(BroadcastRecord record) {
        Instant now = clock.instant();
        if (record.source().type() == SourceSpec.Type.live) {
            onWorker(() -> endStored(record, "server-restart"));
            return;
        }
        if (record.endsAt() != null && !record.endsAt().isAfter(now)) {
            onWorker(() -> endStored(record, "window-closed"));
            return;
        }
        Caller caller = new Caller(record.createdBy(), Role.ADMIN, record.createdByArea());
        content.require(caller, record.source(), record.priority()); // approvals may have changed while it was down
        Map<String, Long> reached = speakers.reachNow(caller, record.targetList());
        SourceSpec playable = playable(caller, record.source());
        Instant since = record.occurrenceAt() != null ? record.occurrenceAt() : record.createdAt();
        long startAt = Math.max(0, Duration.between(since, now).toMillis());
        List<DeliveryRow> stored = deliveries.of(record.id());
        PreparedBroadcast prepared = new PreparedBroadcast(caller, null, reached, playable,
                streams.prepare(caller, playable, startAt));
        onWorker(() -> {
            ledger.restore(stored);
            begin(record, prepared, false);
            return null;
        });
        log.info("broadcast {} put back on air after a restart, {} ms in", record.id(), startAt);
    }

    /** Ends a stored broadcast that cannot go back on air, settling its proof of play. */
    private boolean endStored(BroadcastRecord record, String reason) {
        Instant now = clock.instant();
        ledger.restore(deliveries.of(record.id()));
        ledger.all(record.id()).forEach(d -> d.finish(now, null));
        ledger.forget(record.id());
        store.end(record.id(), now, reason, SERVER);
        log.info("broadcast {} ended at start-up: {}", record.id(), reason);
        return true;
    }

    /**
     * Ends the live broadcasts no microphone has fed for the idle time, counted from their start or from the last
     * microphone leaving: an operator who closed the page does not hold the speakers silent.
     */
    private void endIdleLive() {
        Instant cutoff = clock.instant().minus(settings.liveIdle());
        for (RunningBroadcast broadcast : List.copyOf(switchboard.running().values())) {
            if (broadcast.record.source().type() == SourceSpec.Type.live && streams.unfedSince(
                    broadcast.main().stream.id()).filter(since -> !since.isAfter(cutoff)).isPresent()) {
                endNow(broadcast.id(), MICROPHONE_GONE, SERVER);
            }
        }
    }

    private void relayHealth(RunningBroadcast broadcast, SourceHealth health) {
        if (broadcast.record.source().type() != SourceSpec.Type.relay || !switchboard.running()
                .containsKey(broadcast.id())) {
            return;
        }
        String key = relayAlarm(broadcast.id());
        boolean fallback = broadcast.record.source().fallback() != null;
        switch (health) {
            case SILENT, DEAD -> {
                String state = health.name().toLowerCase(Locale.ROOT);
                alarms.raise(key, RELAY_FAILURE + state, "broadcast:" + broadcast.id(), "the relayed source of \""
                        + broadcast.record.name() + "\" is " + state + (fallback ? ", playing the fallback item"
                        : ", the broadcast stops"));
                if (!fallback) {
                    endNow(broadcast.id(), RELAY_FAILURE + state, SERVER);
                }
            }
            case PLAYING -> alarms.clear(key);
            case ENDED -> log.debug("relay of broadcast {} ended", broadcast.id());
        }
    }

    private void refreshTargets() {
        List<RunningBroadcast> onAir = onWorker(() -> List.copyOf(switchboard.running().values()));
        for (RunningBroadcast broadcast : onAir) {
            Map<String, Long> now = speakers.reachNow(broadcast.caller,
                    broadcast.record.targetList());
            later(guarded("retarget", () -> {
                if (switchboard.running().containsKey(broadcast.id())) {
                    switchboard.retarget(broadcast, now);
                }
            }));
        }
    }

    /** Once every speaker has answered a play command, records those that refused it or were offline. */
    private void watchResults(RunningBroadcast broadcast, AcceptedCommand command) {
        commands.settled(command.id()).thenApplyAsync(v -> commands.find(Caller.SERVER, command.id()))
                .thenAcceptAsync(details -> {
                    for (CommandDetails.ResultView result : details.results()) {
                        switch (result.status()) {
                            case failed -> switchboard.notPlaying(broadcast, result.deviceId(), Outcome.rejected,
                                    result.reason());
                            case offline -> switchboard.notPlaying(broadcast, result.deviceId(), Outcome.offline,
                                    "offline when told to play");
                            case timed_out -> switchboard.notPlaying(broadcast, result.deviceId(), Outcome.failed,
                                    "no answer to the play order");
                            default -> {
                                // ok: the playback events tell the rest
                            }
                        }
                    }
                }, worker)
                .exceptionally(e -> {
                    log.debug("results of play command {} not read: {}", command.id(), e.getMessage());
                    return null;
                });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void validate(Caller caller, BroadcastRequest request) {
        caller.require(Role.OPERATOR);
        if (request.priority() == null) {
            throw ApiException.badRequest("priority must be NORMAL, PRIORITY or EMERGENCY", null);
        }
        if (request.priority() == Priority.EMERGENCY) {
            caller.require(settings.emergencyRole());
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("name must hold 1.." + MAX_NAME_LENGTH + " characters", null);
        }
        if (request.source() == null) {
            throw ApiException.badRequest("source is required", null);
        }
        if (request.targets() == null || request.targets().isEmpty()) {
            throw ApiException.badRequest("name at least one of devices, groups or areas", null);
        }
        if (request.volume() != null && (request.volume() < 0 || request.volume() > 100)) {
            throw ApiException.badRequest("volume must be within 0..100", Map.of("min", 0, "max", 100));
        }
        if (request.endsAt() != null && !request.endsAt().isAfter(clock.instant())) {
            throw ApiException.badRequest("endsAt must be in the future", Map.of("endsAt", request.endsAt().toString()));
        }
        content.require(caller, request.source(), request.priority());
    }

    private static Integer volumeOf(BroadcastRequest request) {
        return request.priority() == Priority.EMERGENCY ? Integer.valueOf(EMERGENCY_VOLUME) : request.volume();
    }

    /** The source the streams play: text-to-speech is spoken (or found already spoken) first. */
    private SourceSpec playable(Caller caller, SourceSpec source) {
        if (source.type() != SourceSpec.Type.tts) {
            return source;
        }
        return SourceSpec.ofMedia(List.of(speech.speak(caller, source.text()).id()), false);
    }

    /** Writes the proof of play gathered so far, so that what is read next (and who may see it) is current. */
    private void writeProofOfPlay() {
        onWorker(() -> {
            ledger.flush();
            return null;
        });
        ledger.awaitWritten();
    }

    private BroadcastRecord visible(Caller caller, String id) {
        caller.require(Role.VIEWER);
        BroadcastRecord record = (id == null ? null : store.find(id).orElse(null));
        if (record == null) {
            throw ApiException.notFound("broadcast");
        }
        String prefix = scopes.scopePrefix(caller).orElse(null);
        if (prefix != null && !caller.username().equals(record.createdBy())) {
            writeProofOfPlay(); // who sees a broadcast follows from the speakers it reached
            if (!store.touches(id, prefix)) {
                throw ApiException.notFound("broadcast");
            }
        }
        return record;
    }

    private static Map<String, Object> announcement(BroadcastRecord record, int speakerCount) {
        return Map.of("id", record.id(), "name", record.name(), "priority", record.priority().name(),
                "targets", record.targets(), "speakers", speakerCount, "by", record.createdBy());
    }

    private static String relayAlarm(String broadcastId) {
        return "relay:" + broadcastId;
    }

    private <T> T onWorker(Callable<T> task) {
        try {
            return worker.submit(task).get(WORKER_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(503, "the broadcast service is busy, try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted");
        }
    }

    /** Hands an event to the worker; once the service is closing (streams end as the server stops) it is dropped. */
    private void later(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException closing) {
            log.debug("broadcast service closed, event dropped");
        }
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("broadcast {} task failed", what, e);
            }
        };
    }

    /** One thread for every change; on close, windows that would close later are not waited for. */
    private static ScheduledThreadPoolExecutor newWorker() {
        ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "broadcasts"));
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return worker;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

}
