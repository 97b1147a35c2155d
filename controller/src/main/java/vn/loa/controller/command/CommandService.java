package vn.loa.controller.command;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.DevicePublisher;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.device.DeviceLifecycle;
import vn.loa.controller.device.Presence;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Ids;
import vn.loa.protocol.Timing;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.codec.RejectReason;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandResult;
import vn.loa.protocol.message.CommandType;

/**
 * Issues commands to a device, a group or an area subtree and collects each device's result. Results live in
 * memory while a command can still be answered; the database gets the command and its result rows at once and
 * result changes in batches every {@link #RESULT_FLUSH_INTERVAL}. Call {@link #start()} once wired and
 * {@link #close()} on shutdown.
 */
public final class CommandService implements AutoCloseable {
    /** How often result changes are written to the database. */
    public static final Duration RESULT_FLUSH_INTERVAL = Duration.ofMillis(500);
    /** How often expired commands are looked for. */
    public static final Duration SWEEP_INTERVAL = Duration.ofMillis(250);
    /** How long an expired command stays in memory, so readers see it while its last results are written. */
    public static final Duration RETAIN_AFTER_EXPIRY = Duration.ofSeconds(10);
    /** Commands held in memory at once; beyond this new commands are refused until older ones expire. */
    public static final int MAX_COMMANDS_IN_FLIGHT = 1_000;
    /** The status of the refusal while {@link #MAX_COMMANDS_IN_FLIGHT} are in flight: worth trying again shortly. */
    public static final int BUSY_STATUS = 429;
    /** The most devices one command may reach (a whole province of speakers). */
    public static final int MAX_DEVICES_PER_COMMAND = 50_000;

    private static final Logger log = LoggerFactory.getLogger(CommandService.class);

    private final DevicePublisher publisher;
    private final Presence presence;
    private final AuditLog audit;
    private final Clock clock;
    private final int defaultExpirySeconds;
    private final AreaScopes scopes;
    private final DeviceTargets targets;
    private final CommandStore store;
    private final ResultWriter writer;
    private final CommandMetrics metrics;
    private final CommandIds ids = new CommandIds();
    private final Map<String, InFlightCommand> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loa-command-results");
        t.setDaemon(true);
        return t;
    });

    public CommandService(Jdbi jdbi, MeterRegistry meters, DevicePublisher publisher, Presence presence,
                          AuditLog audit, AreaScopes scopes, Clock clock, int defaultExpirySeconds) {
        if (defaultExpirySeconds < 1 || defaultExpirySeconds > Timing.MAX_COMMAND_EXPIRY_SECONDS) {
            throw new IllegalArgumentException("default command expiry must be within 1.."
                    + Timing.MAX_COMMAND_EXPIRY_SECONDS + " s, not " + defaultExpirySeconds);
        }
        this.publisher = publisher;
        this.presence = presence;
        this.audit = audit;
        this.clock = clock;
        this.defaultExpirySeconds = defaultExpirySeconds;
        this.scopes = scopes;
        this.targets = new DeviceTargets(jdbi, scopes);
        this.store = new CommandStore(jdbi);
        this.writer = new ResultWriter(store);
        this.metrics = new CommandMetrics(meters);
    }

    /**
     * Takes back commands left pending by a previous run (those already past their expiry are timed out by the
     * first sweep), then starts the sweeper and the result writer.
     */
    public void start() {
        for (String id : store.withPendingResults()) {
            store.find(id).ifPresent(command -> inFlight.put(id, new InFlightCommand(command, store.results(id))));
        }
        long sweepMs = SWEEP_INTERVAL.toMillis();
        long flushMs = RESULT_FLUSH_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(guarded("sweep", this::sweep), 0, sweepMs, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("flush", writer::flush), flushMs, flushMs, TimeUnit.MILLISECONDS);
    }

    public AcceptedCommand send(Caller caller, CommandTarget target, CommandRequest request) {
        caller.require(request.type() == CommandType.reboot ? Role.APPROVER : Role.OPERATOR);
        if (!CommandRequest.ALLOWED.contains(request.type())) {
            throw ApiException.badRequest(request.type() + " commands are issued by the server only",
                    CommandRequest.ALLOWED);
        }
        int expiresIn = request.expiresIn() == null ? defaultExpirySeconds : request.expiresIn();
        if (expiresIn < 1 || expiresIn > Timing.MAX_COMMAND_EXPIRY_SECONDS) {
            throw ApiException.badRequest("expiresIn must be within 1.." + Timing.MAX_COMMAND_EXPIRY_SECONDS + " seconds",
                    Map.of("min", 1, "max", Timing.MAX_COMMAND_EXPIRY_SECONDS));
        }
        IssuedCommand command = newCommand(caller, target, request.type(), request.value(), expiresIn);
        Command wire = Command.of(command.id(), command.type(), command.value(), command.expiresAt().toEpochMilli());
        try {
            wire.validate();
        } catch (InvalidMessageException e) {
            throw ApiException.badRequest(e.getMessage(), null);
        }
        byte[] payload = MessageCodec.encode(wire);
        ResolvedTarget resolved = resolve(caller, target);
        return issue(caller, command, resolved, resolved.deviceIds(), deviceId -> payload, true).orElseThrow();
    }

    /**
     * Issues a server-built command (the streams API's {@code play} and {@code stop}) whose wire message may
     * differ per device, such as a play order carrying each device's own join token. Devices in {@code reached}
     * (reached by an earlier target of the same request) are left out, and those this command reaches are added.
     *
     * @param value what the command is recorded with (the stream id)
     * @return the command, or empty when every device of the target was already reached
     */
    public Optional<AcceptedCommand> sendEach(Caller caller, CommandTarget target, CommandType type, Object value,
                                              Set<String> reached, DeviceCommand wireFor) {
        ResolvedTarget resolved = resolve(caller, target);
        List<String> deviceIds = resolved.deviceIds().stream().filter(id -> !reached.contains(id)).toList();
        reached.addAll(deviceIds);
        return issueEach(caller, resolved, deviceIds, type, value, wireFor);
    }

    /**
     * Issues a server-built command to devices chosen by the caller (a broadcast's arbitration), recorded against
     * {@code recordedAs}; the caller has checked that it may command them.
     *
     * @return the command, or empty when {@code deviceIds} is empty
     */
    public Optional<AcceptedCommand> sendEachTo(Caller caller, CommandTarget recordedAs, Collection<String> deviceIds,
                                                CommandType type, Object value, DeviceCommand wireFor) {
        List<String> ids = List.copyOf(deviceIds);
        return issueEach(caller, ResolvedTarget.listed(recordedAs, ids), ids, type, value, wireFor);
    }

    private Optional<AcceptedCommand> issueEach(Caller caller, ResolvedTarget resolved, List<String> deviceIds,
                                                CommandType type, Object value, DeviceCommand wireFor) {
        IssuedCommand command = newCommand(caller, resolved.target(), type, value, defaultExpirySeconds);
        long expires = command.expiresAt().toEpochMilli();
        return issue(caller, command, resolved, deviceIds,
                deviceId -> encodeValid(wireFor.build(command.id(), deviceId, expires)), false);
    }

    /** A server-built message that fails validation is a bug or a bad setting; it is refused before anything is sent. */
    private static byte[] encodeValid(Command wire) {
        try {
            wire.validate();
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("the server built an invalid " + wire.type() + " command: "
                    + e.getMessage(), e);
        }
        return MessageCodec.encode(wire);
    }

    /** Builds one device's wire message of a command: its id, the device and its expiry in epoch milliseconds. */
    @FunctionalInterface
    public interface DeviceCommand {
        Command build(String commandId, String deviceId, long expiresEpochMilli);
    }

    private IssuedCommand newCommand(Caller caller, CommandTarget target, CommandType type, Object value,
                                     int expiresIn) {
        Instant now = clock.instant();
        return new IssuedCommand(ids.next(now), type, value, target, caller.username(), now, now.plusSeconds(expiresIn));
    }

    private ResolvedTarget resolve(Caller caller, CommandTarget target) {
        ResolvedTarget resolved = targets.resolve(caller, target, DeviceTargets.COMMANDABLE);
        if (resolved.deviceIds().isEmpty()) {
            throw ApiException.conflict("the target has no active devices", null);
        }
        if (resolved.deviceIds().size() > MAX_DEVICES_PER_COMMAND) {
            throw ApiException.badRequest("a command may reach at most " + MAX_DEVICES_PER_COMMAND + " devices",
                    Map.of("devices", resolved.deviceIds().size()));
        }
        return resolved;
    }

    /**
     * Records the command with a result per device (pending when online, else offline), audits it and publishes
     * it to the online devices; {@code sharedPayload} allows one publish on a whole group's topic.
     */
    private Optional<AcceptedCommand> issue(Caller caller, IssuedCommand command, ResolvedTarget resolved,
                                            List<String> deviceIds, Function<String, byte[]> payloadFor,
                                            boolean sharedPayload) {
        if (deviceIds.isEmpty()) {
            return Optional.empty();
        }
        if (inFlight.size() >= MAX_COMMANDS_IN_FLIGHT) {
            throw new ApiException(BUSY_STATUS, "too many commands in flight, try again shortly",
                    Map.of("limit", MAX_COMMANDS_IN_FLIGHT));
        }
        Instant now = command.createdAt();
        List<DeviceResult> initial = new ArrayList<>(deviceIds.size());
        Map<String, byte[]> online = new LinkedHashMap<>();
        for (String deviceId : deviceIds) {
            if (presence.isOnline(deviceId)) {
                online.put(deviceId, payloadFor.apply(deviceId));
                initial.add(DeviceResult.pending(deviceId, now));
            } else {
                initial.add(DeviceResult.offline(deviceId, now));
            }
        }
        store.insert(command, initial);
        InFlightCommand inFlightCommand = new InFlightCommand(command, initial);
        inFlight.put(command.id(), inFlightCommand);
        initial.forEach(metrics::result);
        CommandTarget target = command.target();
        audit.record(caller.username(), "command", target.label(), command.type()
                + (command.value() == null ? "" : " " + command.value())
                + " id=" + command.id() + " devices=" + initial.size() + " online=" + online.size());

        boolean wholeGroup = sharedPayload && target.kind() == CommandTarget.Kind.group && resolved.wholeTarget();
        publish(inFlightCommand, online, wholeGroup);
        return Optional.of(new AcceptedCommand(command.id(), command.type(), command.value(), target, initial.size(),
                command.expiresAt().toString()));
    }

    /** A device's {@code res} message. Invalid or unmatched results are dropped and counted, never thrown. */
    public void onResult(String deviceId, byte[] payload) {
        CommandResult result;
        try {
            result = MessageCodec.decode(payload, CommandResult.class, PayloadLimits.RESULT_BYTES);
        } catch (InvalidMessageException e) {
            metrics.rejected(e.reason());
            log.debug("dropped result from {}: {}", deviceId, e.getMessage());
            return;
        }
        InFlightCommand command = inFlight.get(result.id());
        if (command == null && result.id().startsWith(DeviceLifecycle.CREDENTIALS_ID_PREFIX)) {
            // the device confirms it stored a rotated secret; it proves it by connecting with it
            log.info("device {} answered credentials rotation {}: {}", deviceId, result.id(), result.status());
            return;
        }
        if (command == null || !command.targets(deviceId)) {
            metrics.rejected(RejectReason.UNKNOWN_COMMAND);
            log.debug("dropped result from {} for unknown command {}", deviceId, result.id());
            return;
        }
        ResultStatus status = result.status() == CommandResult.Status.ok ? ResultStatus.ok : ResultStatus.failed;
        finish(command, deviceId, status, result.reason())
                .ifPresentOrElse(r -> metrics.answered(r.latencyMs()),
                        () -> log.debug("ignored repeated or late result from {} for {}", deviceId, result.id()));
    }

    /** The command with every device's result; 404 if unknown or outside the caller's scope. */
    public CommandDetails find(Caller caller, String id) {
        caller.require(Role.VIEWER);
        if (!Ids.isCommandId(id)) {
            throw ApiException.notFound("command");
        }
        InFlightCommand live = inFlight.get(id);
        IssuedCommand command = live != null ? live.command()
                : store.find(id).orElseThrow(() -> ApiException.notFound("command"));
        targets.requireVisible(caller, command.target());
        List<DeviceResult> results = live != null ? live.results() : store.results(id);
        return CommandDetails.of(command, visibleResults(caller, command, results), true);
    }

    /**
     * A group, a broadcast or a stream may reach devices outside the caller's scope (a command sent by someone with
     * a wider scope reached them too); the caller sees only the results of devices in scope.
     */
    private List<DeviceResult> visibleResults(Caller caller, IssuedCommand command, List<DeviceResult> results) {
        CommandTarget.Kind kind = command.target().kind();
        if (caller.areaId() == null || kind == CommandTarget.Kind.device || kind == CommandTarget.Kind.area) {
            return results;
        }
        Set<String> visible = targets.visibleDevices(caller, results.stream().map(DeviceResult::deviceId).toList());
        return results.stream().filter(r -> visible.contains(r.deviceId())).toList();
    }

    /** Completes once no result of the command is pending (at once for a command no longer in memory). */
    public CompletableFuture<Void> settled(String id) {
        InFlightCommand live = inFlight.get(id);
        return live == null ? CompletableFuture.completedFuture(null) : live.settled();
    }

    /** Recent commands, newest first, with result counts but without per-device results. */
    public ListPage<CommandDetails> list(Caller caller, Paging page) {
        caller.require(Role.VIEWER);
        ListPage<IssuedCommand> commands = store.list(scopes.scopePrefix(caller).orElse(null), page);
        Map<String, Map<ResultStatus, Integer>> stored =
                store.summaries(commands.items().stream().map(IssuedCommand::id).toList());
        List<CommandDetails> items = commands.items().stream().map(c -> {
            InFlightCommand live = inFlight.get(c.id());
            return live != null ? CommandDetails.of(c, live.results(), false)
                    : CommandDetails.summarised(c, stored.get(c.id()), null);
        }).toList();
        return new ListPage<>(items, commands.total());
    }

    /** Times out what is still pending after expiry and forgets commands expired long enough ago. */
    void sweep() {
        Instant now = clock.instant();
        for (InFlightCommand command : inFlight.values()) {
            Instant expiresAt = command.command().expiresAt();
            if (now.isAfter(expiresAt)) {
                for (DeviceResult timedOut : command.timeOut(now)) {
                    writer.add(command.command().id(), timedOut);
                    metrics.result(timedOut);
                }
            }
            if (now.isAfter(expiresAt.plus(RETAIN_AFTER_EXPIRY))) {
                inFlight.remove(command.command().id());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("command result writer did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.flush();
    }

    /**
     * A group whose members all lie in the caller's scope gets one publish on its topic; otherwise every online
     * device gets its own. No lock is held here: the broker does the fan-out.
     */
    private void publish(InFlightCommand command, Map<String, byte[]> online, boolean wholeGroup) {
        if (online.isEmpty()) {
            return;
        }
        IssuedCommand issued = command.command();
        long remaining = Math.max(1, (Duration.between(clock.instant(), issued.expiresAt()).toMillis() + 999) / 1000);
        byte[] correlation = issued.id().getBytes(StandardCharsets.US_ASCII);
        if (wholeGroup) {
            byte[] payload = online.values().iterator().next();
            publisher.publish(OutboundMessage.command(Topics.groupCommand(issued.target().id()), payload, remaining,
                            correlation))
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            online.keySet().forEach(id -> notDelivered(command, id, error));
                        }
                    });
            return;
        }
        online.forEach((deviceId, payload) -> publisher.publish(OutboundMessage.command(
                        Topics.device(deviceId, DeviceTopic.COMMAND), payload, remaining, correlation))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        notDelivered(command, deviceId, error);
                    }
                }));
    }

    private void notDelivered(InFlightCommand command, String deviceId, Throwable error) {
        log.warn("command {} not delivered to {}: {}", command.command().id(), deviceId, error.toString());
        finish(command, deviceId, ResultStatus.failed, "not delivered");
    }

    private Optional<DeviceResult> finish(InFlightCommand command, String deviceId, ResultStatus status, String reason) {
        Optional<DeviceResult> finished = command.finish(deviceId, status, reason, clock.instant());
        finished.ifPresent(r -> {
            writer.add(command.command().id(), r);
            metrics.result(r);
        });
        return finished;
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("command {} failed", what, e);
            }
        };
    }
}
