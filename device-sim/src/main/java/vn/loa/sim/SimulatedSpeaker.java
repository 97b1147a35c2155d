package vn.loa.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Timing;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandResult;
import vn.loa.protocol.message.DesiredState;
import vn.loa.protocol.message.DeviceEvent;
import vn.loa.protocol.message.DeviceState;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.protocol.message.ProvisionReply;
import vn.loa.protocol.message.ProvisionRequest;
import vn.loa.protocol.message.Telemetry;
import vn.loa.protocol.message.WireMessage;
import vn.loa.sim.audio.CannotPlayException;
import vn.loa.sim.audio.EpochClock;
import vn.loa.sim.audio.PlaybackEnd;
import vn.loa.sim.audio.PlaybackListener;
import vn.loa.sim.audio.PlaybackRecord;
import vn.loa.sim.audio.PlaybackSession;
import vn.loa.sim.audio.PlaybackStats;
import vn.loa.sim.mqtt.ClientCallback;
import vn.loa.sim.mqtt.ConnectRefusal;
import vn.loa.sim.mqtt.Listeners;
import vn.loa.sim.mqtt.PahoCalls;
import vn.loa.sim.provision.DeviceCredentials;
import vn.loa.sim.provision.ProvisionOutcome;
import vn.loa.sim.provision.ProvisioningAttempt;

/**
 * One simulated speaker following the device contract (docs/device-protocol.md): provisioning, a persistent
 * MQTT 5 session with birth and Will, telemetry, desired state, commands, reconnects, injected faults, and
 * playback of the RTP streams it is told to play (see {@link vn.loa.sim.audio.AudioPlane}).
 *
 * <p>Each connection gets its own Paho client; events from a client that is no longer the current one are
 * ignored, and timers check the run they were started in, so a stop or a reboot never races an old callback.
 */
public final class SimulatedSpeaker {
    /** What the birth message says this speaker can do. */
    public static final List<String> CAPABILITIES =
            List.of("volume", "mute", "amplifier", "reboot", "ping", "credentials", "play", "stop");
    /**
     * The broker keeps a speaker's session (subscriptions, queued QoS 1 commands) this long after it drops, so a
     * blip loses no command. It is at least the longest Will delay: MQTT 5 fires the Will when the session
     * ends, so a shorter session would cut the Will delay short.
     */
    public static final long SESSION_EXPIRY_SECONDS = 600;
    /** A rebooting speaker is back on the network after a random wait in this range. */
    public static final Duration REBOOT_MIN = Duration.ofMillis(500);
    public static final Duration REBOOT_MAX = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(SimulatedSpeaker.class);

    private final SpeakerContext ctx;
    private final int index;
    private final String serial;
    private final Random random;
    private final boolean neverAcks;
    private final Duration ackDelay;
    private final Backoff backoff;
    private final TelemetrySampler sampler;
    private final SpeakerSettings settings = new SpeakerSettings();
    private volatile List<String> subscribedGroups = List.of();
    private final CommandHandler commands;
    private final AtomicLong commandsAnswered = new AtomicLong();

    // Guarded by this.
    private Phase phase = Phase.STOPPED;
    private int run;
    private MqttAsyncClient client;
    private ProvisioningAttempt provisioning;
    private DeviceCredentials credentials;
    private String refusal;
    private boolean everOnline;
    private int telemetryRun;
    private final List<ScheduledFuture<?>> runTimers = new ArrayList<>();
    private PlaybackSession playback;
    private volatile String bootId;
    private volatile long bootNanos;

    SimulatedSpeaker(SpeakerContext ctx, int index, boolean neverAcks, Duration ackDelay) {
        this.ctx = ctx;
        this.index = index;
        this.serial = ctx.options().serials().get(index);
        this.random = new Random(ctx.options().seed() * 1_000_003L + index);
        this.neverAcks = neverAcks;
        this.ackDelay = ackDelay;
        this.commands = new CommandHandler(serial, settings, ctx.counters(), neverAcks);
        this.backoff = new Backoff(Duration.ofSeconds(Timing.RECONNECT_MIN_SECONDS),
                Duration.ofSeconds(Timing.RECONNECT_MAX_SECONDS), random);
        this.sampler = new TelemetrySampler(random);
    }

    // ---- life cycle -------------------------------------------------------------------------------------

    /** Powers the speaker on: provisions it if it has no credentials yet, then connects. */
    public void start() {
        int myRun;
        synchronized (this) {
            if (phase != Phase.STOPPED && phase != Phase.REJECTED && phase != Phase.REVOKED) {
                return;
            }
            myRun = ++run;
            refusal = null;
            boot();
            credentials = ctx.options().bare()
                    ? new DeviceCredentials(serial.toLowerCase(Locale.ROOT), null)
                    : ctx.credentials().get(serial).orElse(null);
            startFaultClocks(myRun);
        }
        if (credentials() == null) {
            provision(myRun);
        } else {
            connect(myRun);
        }
    }

    /** Shuts down cleanly: a normal DISCONNECT, so the broker drops the Will. Waits for it. */
    public void stop() {
        MqttAsyncClient c = halt(Phase.STOPPED);
        if (c != null) {
            PahoCalls.disconnect(c, PahoCalls.NORMAL_DISCONNECTION);
        }
    }

    /** A power cut: the socket dies without a DISCONNECT, so the Will fires; stays off until {@link #start()}. */
    public void powerOff() {
        MqttAsyncClient c = halt(Phase.STOPPED);
        if (c != null) {
            PahoCalls.abort(c);
        }
    }

    /** The link drops (socket closed, no DISCONNECT); the speaker reconnects with back-off. False if offline. */
    public boolean dropConnection() {
        return restartLink(PahoCalls::abort, backoff::next, false);
    }

    /** Reboots: DISCONNECT (Will kept), new boot id, back on the network after a short random wait. */
    public boolean reboot() {
        Supplier<Duration> bootTime = () -> Duration.ofMillis(REBOOT_MIN.toMillis()
                + (long) (random.nextDouble() * (REBOOT_MAX.toMillis() - REBOOT_MIN.toMillis())));
        boolean rebooting = restartLink(c -> PahoCalls.disconnect(c, PahoCalls.DISCONNECT_WITH_WILL), bootTime, true);
        if (rebooting) {
            ctx.counters().reboots.increment();
            endPlayback(PlaybackEnd.DEVICE_OFF);
        }
        return rebooting;
    }

    private synchronized MqttAsyncClient halt(Phase next) {
        run++;
        if (provisioning != null) {
            provisioning.abandon();
            provisioning = null;
        }
        runTimers.forEach(t -> t.cancel(false));
        runTimers.clear();
        endPlayback(PlaybackEnd.DEVICE_OFF);
        phase = next;
        MqttAsyncClient c = client;
        client = null;
        return c;
    }

    private synchronized void boot() {
        bootId = UUID.randomUUID().toString();
        bootNanos = System.nanoTime();
    }

    // ---- provisioning -----------------------------------------------------------------------------------

    private void provision(int myRun) {
        String key = ctx.options().provisioningKey();
        synchronized (this) {
            if (run != myRun) {
                return;
            }
            if (key == null || key.isEmpty()) {
                refuse(Phase.REJECTED, "no credentials and no provisioning key");
                return;
            }
            if (phase != Phase.PENDING) {
                phase = Phase.PROVISIONING;
            }
        }
        ctx.counters().provisionRequests.increment();
        FleetOptions o = ctx.options();
        ProvisionRequest request = new ProvisionRequest(WireMessage.VERSION, serial, o.model(), o.firmware(),
                imei(), iccid(), o.areaHint(index));
        ProvisioningAttempt attempt = new ProvisioningAttempt(ctx.endpoint(), ctx.executor(), key, request,
                o.provisionReplyTimeout(), outcome -> onProvisioned(myRun, outcome));
        synchronized (this) {
            if (run != myRun) {
                return;
            }
            provisioning = attempt;
        }
        attempt.begin();
    }

    private void onProvisioned(int myRun, ProvisionOutcome outcome) {
        synchronized (this) {
            if (run != myRun) {
                return;
            }
            provisioning = null;
            if (outcome.keyRefused()) {
                refuse(Phase.REJECTED, outcome.failure());
                return;
            }
            ProvisionReply reply = outcome.reply();
            if (reply == null) {
                log.debug("{}: provisioning got no reply ({}), asking again", serial, outcome.failure());
                schedule(myRun, () -> provision(myRun), backoff.next());
                return;
            }
            switch (reply.status()) {
                case pending -> {
                    phase = Phase.PENDING;
                    Duration wait = reply.retryAfter() != null
                            ? Duration.ofSeconds(reply.retryAfter()) : ctx.options().provisionRetry();
                    schedule(myRun, () -> provision(myRun), wait);
                    return;
                }
                case rejected -> {
                    refuse(Phase.REJECTED, reply.reason() != null ? reply.reason() : "rejected by the server");
                    return;
                }
                case approved -> {
                    DeviceCredentials issued = new DeviceCredentials(reply.deviceId(), reply.secret());
                    try {
                        ctx.credentials().save(serial, issued);
                    } catch (RuntimeException e) {
                        log.error("{}: cannot keep the issued credentials: {}", serial, e.getMessage());
                        refuse(Phase.REJECTED, "cannot store credentials: " + e.getMessage());
                        return;
                    }
                    credentials = issued;
                    backoff.reset();
                }
            }
        }
        connect(myRun);
    }

    private void refuse(Phase next, String why) {
        log.warn("{}: {} ({})", serial, next == Phase.REVOKED ? "credentials refused, giving up" : "rejected", why);
        halt(next);
        refusal = why;
    }

    // ---- the device session -----------------------------------------------------------------------------

    private void connect(int myRun) {
        MqttAsyncClient c;
        synchronized (this) {
            if (run != myRun) {
                return;
            }
            if (phase != Phase.RECONNECTING) {
                phase = Phase.CONNECTING;
            }
            try {
                c = ctx.endpoint().newClient(credentials.deviceId());
                client = c;
                c.setCallback(new Link(c));
                c.connect(sessionOptions(), null,
                        Listeners.of(() -> onConnected(c), failure -> onConnectFailed(c, failure)));
            } catch (MqttException | RuntimeException e) {
                log.debug("{}: cannot start a connection: {}", serial, e.getMessage());
                client = null;
                phase = Phase.RECONNECTING;
                schedule(myRun, () -> connect(myRun), backoff.next());
            }
        }
    }

    private MqttConnectionOptions sessionOptions() {
        MqttConnectionOptions options = ctx.endpoint().baseOptions();
        options.setKeepAliveInterval(Timing.KEEP_ALIVE_SECONDS);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        if (ctx.options().bare()) {
            return options;
        }
        options.setUserName(credentials.deviceId());
        options.setPassword(credentials.secret().getBytes(StandardCharsets.UTF_8));
        MqttMessage will = new MqttMessage(MessageCodec.encode(DeviceState.offline()), 1, true, null);
        options.setWill(topic(DeviceTopic.STATE), will);
        MqttProperties willProperties = new MqttProperties();
        willProperties.setWillDelayInterval((long) ctx.options().willDelaySeconds());
        options.setWillMessageProperties(willProperties);
        return options;
    }

    /** Connected: birth first, then the subscriptions; the speaker counts as online once they are in place. */
    private void onConnected(MqttAsyncClient c) {
        synchronized (this) {
            if (client != c) {
                return;
            }
        }
        List<String> topics = new ArrayList<>();
        if (ctx.options().bare()) {
            topics.add(ctx.options().bareTopic());
            topics.add(topic(DeviceTopic.COMMAND));
        } else {
            publishState(c);
            topics.add(topic(DeviceTopic.COMMAND));
            topics.add(topic(DeviceTopic.DESIRED));
            settings.groups().forEach(g -> topics.add(Topics.groupCommand(g)));
        }
        List<String> groups = settings.groups();
        PahoCalls.subscribe(c, topics, () -> {
                    subscribedGroups = groups;
                    onSubscribed(c);
                },
                failure -> onConnectionLost(c, "subscribe failed: " + failure));
    }

    private void onSubscribed(MqttAsyncClient c) {
        synchronized (this) {
            if (client != c) {
                return;
            }
            phase = Phase.ONLINE;
            backoff.reset();
            if (everOnline) {
                ctx.counters().reconnects.increment();
            } else {
                everOnline = true;
                ctx.counters().onlineForTheFirstTime();
            }
            if (telemetryRun != run && !ctx.options().bare()) {
                telemetryRun = run;
                startTelemetry(run);
            }
        }
    }

    private void onConnectFailed(MqttAsyncClient c, Throwable failure) {
        int myRun;
        synchronized (this) {
            if (client != c) {
                return;
            }
            client = null;
            if (!ctx.options().bare() && ConnectRefusal.isCredentialRefusal(failure)) {
                refuse(Phase.REVOKED, "the broker refused the credentials: " + failure.getMessage());
                discardLater(c);
                return;
            }
            phase = Phase.RECONNECTING;
            myRun = run;
        }
        log.debug("{}: connect failed: {}", serial, failure.getMessage());
        discardLater(c);
        scheduleReconnect(myRun, backoff.next());
    }

    private void onConnectionLost(MqttAsyncClient c, Object why) {
        int myRun;
        synchronized (this) {
            if (client != c) {
                return;
            }
            client = null;
            phase = Phase.RECONNECTING;
            myRun = run;
        }
        log.debug("{}: connection lost: {}", serial, why);
        discardLater(c);
        scheduleReconnect(myRun, backoff.next());
    }

    private void scheduleReconnect(int myRun, Duration wait) {
        synchronized (this) {
            if (run == myRun) {
                phase = Phase.RECONNECTING;
                schedule(myRun, () -> connect(myRun), wait);
            }
        }
    }

    /**
     * Leaves the current connection the given way (clean DISCONNECT or a dead socket) and connects again after a
     * wait; false, doing nothing, if the speaker is not online.
     */
    private boolean restartLink(Consumer<MqttAsyncClient> leave, Supplier<Duration> wait, boolean newBoot) {
        MqttAsyncClient c;
        int myRun;
        synchronized (this) {
            if (phase != Phase.ONLINE) {
                return false;
            }
            c = client;
            client = null;
            myRun = run;
            phase = Phase.RECONNECTING;
        }
        ctx.executor().execute(() -> {
            leave.accept(c);
            if (newBoot) {
                boot();
            }
            scheduleReconnect(myRun, wait.get());
        });
        return true;
    }

    /** The speaker's new secret takes effect: reconnect with it at once. */
    private void reconnectWithNewSecret() {
        restartLink(c -> PahoCalls.disconnect(c, PahoCalls.NORMAL_DISCONNECTION), () -> Duration.ZERO, false);
    }

    // ---- messages in ------------------------------------------------------------------------------------

    /** Paho's callback for one connection; ignores everything once that connection is no longer current. */
    private final class Link implements ClientCallback {
        private final MqttAsyncClient c;

        Link(MqttAsyncClient c) {
            this.c = c;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            ctx.counters().messagesIn.increment();
            if (topic.equals(topic(DeviceTopic.DESIRED))) {
                onDesired(c, message.getPayload());
            } else {
                onCommand(c, message);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            onConnectionLost(c, response);
        }
    }

    private void onDesired(MqttAsyncClient c, byte[] payload) {
        if (payload.length == 0) {
            return; // the server cleared the retained message: there is no desired state to apply
        }
        DesiredState desired;
        try {
            desired = MessageCodec.decode(payload, DesiredState.class, PayloadLimits.DESIRED_BYTES);
        } catch (InvalidMessageException e) {
            ctx.counters().invalidDropped.increment();
            log.warn("{}: dropped an invalid desired state ({}: {})", serial, e.reason().label(), e.getMessage());
            return;
        }
        SpeakerSettings.GroupChange change = settings.apply(desired);
        List<String> groups = settings.groups();
        Runnable report = () -> {
            subscribedGroups = groups;
            publishState(c);
            publishTelemetry(c);
        };
        List<String> join = change.join().stream().map(Topics::groupCommand).toList();
        List<String> leave = change.leave().stream().map(Topics::groupCommand).toList();
        PahoCalls.unsubscribe(c, leave, () -> PahoCalls.subscribe(c, join, report,
                        failure -> log.warn("{}: cannot join groups {}: {}", serial, join, failure.getMessage())),
                failure -> log.warn("{}: cannot leave groups {}: {}", serial, leave, failure.getMessage()));
    }

    private void onCommand(MqttAsyncClient c, MqttMessage message) {
        long arrived = System.nanoTime();
        long arrivedEpochNanos = EpochClock.nowNanos();
        CommandHandler.Reply reply = commands.handle(message);
        if (reply == null) {
            return;
        }
        CommandResult result = reply.result();
        Runnable afterAnswer = switch (reply.followUp()) {
            case NONE -> null;
            case REBOOT -> this::reboot;
            case NEW_SECRET -> {
                if (storeSecret(reply.command().secret())) {
                    yield this::reconnectWithNewSecret;
                }
                result = reply.secretNotStored();
                yield null;
            }
            case PLAY -> {
                result = startPlayback(reply.command(), arrivedEpochNanos);
                yield null;
            }
            case STOP -> {
                stopPlayback((String) reply.command().value());
                yield null;
            }
        };
        commands.answered(result);
        answer(c, result, reply.correlation(), arrived, afterAnswer);
    }

    /** The new secret is on disk before the speaker says ok, or the speaker says it failed. */
    private boolean storeSecret(String secret) {
        try {
            DeviceCredentials rotated = new DeviceCredentials(credentials().deviceId(), secret);
            ctx.credentials().save(serial, rotated);
            synchronized (this) {
                credentials = rotated;
            }
            return true;
        } catch (RuntimeException e) {
            log.error("{}: cannot store the new secret: {}", serial, e.getMessage());
            return false;
        }
    }

    // ---- playback -----------------------------------------------------------------------------------------

    /**
     * Answers at once: ok once the RTP socket is open and the join on its way, failed with the device protocol's
     * reason code if it cannot be. A play for the stream already playing joins again with the fresh token. The
     * order's volume, if any, is in force from now until the playback ends; the latest order decides it.
     */
    private CommandResult startPlayback(Command command, long arrivedEpochNanos) {
        PlayOrder order = command.play();
        String stream = order.stream();
        synchronized (this) {
            if (playback != null && !playback.closed() && playback.streamId().equals(stream)) {
                playback.rejoin(order.token());
                settings.playbackVolume(order.volume());
                return CommandResult.ok(command.id());
            }
            endPlayback(PlaybackEnd.REPLACED);
            settings.playbackVolume(order.volume());
        }
        try {
            PlaybackSession session = ctx.audio().play(deviceId(), order, arrivedEpochNanos, new Events());
            synchronized (this) {
                playback = session;
                forgetIfEnded(); // it may have failed already, before its end could find it here
            }
            return CommandResult.ok(command.id());
        } catch (CannotPlayException e) {
            synchronized (this) {
                settings.playbackVolume(null);
            }
            log.warn("{}: cannot play {}: {}", serial, stream, e.getMessage());
            String reason = e.reason() + ": " + e.getMessage();
            return CommandResult.failed(command.id(), reason.length() <= CommandHandler.MAX_REASON_LENGTH
                    ? reason : reason.substring(0, CommandHandler.MAX_REASON_LENGTH));
        }
    }

    /** Stops the stream if it is the one playing; a stop for any other stream changes nothing. */
    private synchronized void stopPlayback(String stream) {
        if (playback != null && playback.streamId().equals(stream)) {
            endPlayback(PlaybackEnd.STOPPED);
        }
    }

    /** The stream whose audio is being played, or null. */
    private synchronized String playingStream() {
        return playback != null && playback.playing() ? playback.streamId() : null;
    }

    /** Ends the current playback, if any, and returns the output to the speaker's own settings. */
    private synchronized void endPlayback(PlaybackEnd why) {
        if (playback != null) {
            playback.stop(why);
            playback = null;
        }
        settings.playbackVolume(null);
    }

    /** Once the current playback has ended by itself (it failed), forgets it and lifts its volume. */
    private synchronized void forgetIfEnded() {
        if (playback != null && playback.closed()) {
            playback = null;
            settings.playbackVolume(null);
        }
    }

    /**
     * Publishes the playback's events on {@code .../evt} while the speaker is online, drops them otherwise. Each is
     * stamped when reported and published on the fleet's in-order lane: the audio loop that reports it serves
     * thousands of speakers and must not wait on an MQTT client.
     */
    private final class Events implements PlaybackListener {
        @Override
        public void started(String streamId) {
            long at = System.currentTimeMillis();
            ctx.executor().executeInOrder(() -> publishEvent(PlaybackEnd.STARTED, streamId, null, at));
        }

        @Override
        public void ended(String streamId, PlaybackEnd why) {
            long at = System.currentTimeMillis();
            forgetIfEnded();
            if (why.event() != null) {
                ctx.executor().executeInOrder(() -> publishEvent(why.event(), streamId, why.detail(), at));
            }
        }
    }

    private void publishEvent(String event, String streamId, String detail, long atMillis) {
        MqttAsyncClient c;
        synchronized (this) {
            c = phase == Phase.ONLINE ? client : null;
        }
        if (c == null) {
            log.debug("{}: offline, {} of {} not reported", serial, event, streamId);
            return;
        }
        DeviceEvent e = new DeviceEvent(WireMessage.VERSION, event, streamId, detail, atMillis);
        publish(c, DeviceTopic.EVENT, new MqttMessage(MessageCodec.encode(e), 1, false, null), () -> { });
    }

    // ---- messages out -----------------------------------------------------------------------------------

    private void answer(MqttAsyncClient c, CommandResult result, byte[] correlation, long arrived,
                        Runnable afterAnswer) {
        Runnable send = () -> {
            MqttMessage message = new MqttMessage(MessageCodec.encode(result), 1, false, null);
            if (correlation != null) {
                MqttProperties properties = new MqttProperties();
                properties.setCorrelationData(correlation);
                message.setProperties(properties);
            }
            publish(c, DeviceTopic.RESULT, message, () -> {
                commandsAnswered.incrementAndGet();
                ctx.counters().commandsAnswered.increment();
                ctx.counters().commandLatency.record(System.nanoTime() - arrived);
                if (afterAnswer != null) {
                    ctx.executor().execute(afterAnswer); // off Paho's callback thread: it may disconnect
                }
            });
        };
        if (ackDelay.isZero()) {
            send.run();
        } else {
            ctx.executor().schedule(send, ackDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void publishState(MqttAsyncClient c) {
        FleetOptions o = ctx.options();
        DeviceState birth = new DeviceState(WireMessage.VERSION, DeviceState.Status.online, o.firmware(), o.model(),
                bootId, CAPABILITIES, settings.desiredVersion());
        publish(c, DeviceTopic.STATE, new MqttMessage(MessageCodec.encode(birth), 1, true, null), () -> { });
    }

    private void publishTelemetry(MqttAsyncClient c) {
        publish(c, DeviceTopic.TELEMETRY, new MqttMessage(MessageCodec.encode(telemetry()), 0, false, null),
                () -> { });
    }

    /** Output and playing stream read together, so a report never pairs one playback's volume with another. */
    private synchronized Telemetry telemetry() {
        long uptime = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - bootNanos);
        SpeakerSettings.Output output = settings.output();
        return new Telemetry(WireMessage.VERSION, output.volume(), output.muted(), output.amplifier(),
                playingStream(), sampler.nextSignal(), sampler.nextTemperature(), uptime, settings.desiredVersion());
    }

    private void publish(MqttAsyncClient c, DeviceTopic kind, MqttMessage message, Runnable delivered) {
        if (PahoCalls.publish(c, topic(kind), message, delivered)) {
            ctx.counters().messagesOut.increment();
        }
    }

    // ---- timers -----------------------------------------------------------------------------------------

    /** First report at a random point within one period, so a fleet started together does not report together. */
    private void startTelemetry(int myRun) {
        long period = ctx.options().telemetryPeriod().toMillis();
        long first = (long) (random.nextDouble() * period);
        runTimers.add(ctx.executor().scheduleAtFixedRate(() -> {
            MqttAsyncClient c;
            synchronized (this) {
                c = run == myRun && phase == Phase.ONLINE ? client : null;
            }
            if (c != null) {
                publishTelemetry(c);
            }
        }, first, period, TimeUnit.MILLISECONDS));
    }

    private void startFaultClocks(int myRun) {
        Faults faults = ctx.options().faults();
        scheduleFault(myRun, faults.disconnectsPerHour(), this::dropConnection);
        scheduleFault(myRun, faults.rebootsPerHour(), this::reboot);
    }

    /** Poisson arrivals: exponential waits with the given mean rate per hour. */
    private void scheduleFault(int myRun, double perHour, Runnable fault) {
        if (perHour <= 0) {
            return;
        }
        double hours = -Math.log(1 - random.nextDouble()) / perHour;
        schedule(myRun, () -> {
            fault.run();
            scheduleFault(myRun, perHour, fault);
        }, Duration.ofMillis((long) (hours * 3_600_000)));
    }

    private synchronized void schedule(int myRun, Runnable task, Duration wait) {
        if (run != myRun) {
            return;
        }
        runTimers.removeIf(ScheduledFuture::isDone);
        runTimers.add(ctx.executor().schedule(() -> {
            synchronized (this) {
                if (run != myRun) {
                    return;
                }
            }
            task.run();
        }, wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    // ---- closing connections ----------------------------------------------------------------------------

    /** Drops a client that is no longer current, whatever state it is in, off the calling Paho thread. */
    private void discardLater(MqttAsyncClient c) {
        ctx.executor().execute(() -> PahoCalls.abort(c));
    }


    // ---- what a test or an operator can see -------------------------------------------------------------

    private String topic(DeviceTopic kind) {
        return Topics.device(credentials().deviceId(), kind);
    }

    private synchronized DeviceCredentials credentials() {
        return credentials;
    }

    /** A stable fake IMEI (15 digits) and SIM ICCID (19 digits) derived from the serial. */
    private String imei() {
        return String.format("35%013d", Math.floorMod(serial.hashCode(), 10_000_000_000_000L));
    }

    private String iccid() {
        return String.format("8984%015d", Math.floorMod(serial.hashCode() * 31L + index, 1_000_000_000_000_000L));
    }

    public String serial() {
        return serial;
    }

    /** Null until provisioned. */
    public String deviceId() {
        DeviceCredentials c = credentials();
        return c == null ? null : c.deviceId();
    }

    public synchronized Phase phase() {
        return phase;
    }

    public boolean connected() {
        return phase() == Phase.ONLINE;
    }

    /** Why the speaker gave up (rejected or revoked); null otherwise. */
    public synchronized String refusal() {
        return refusal;
    }

    public String bootId() {
        return bootId;
    }

    /** The output volume now: a play order's volume while it is in force, else the speaker's own. */
    public int volume() {
        return settings.output().volume();
    }

    /** Whether the output is muted now (never while a play order's volume is in force). */
    public boolean muted() {
        return settings.output().muted();
    }

    /** Whether the amplifier is on now (always while a play order's volume is in force). */
    public boolean amplifier() {
        return settings.output().amplifier();
    }

    /** The volume the current play order imposes, or null when the speaker plays at its own settings. */
    public Integer playbackVolume() {
        return settings.playbackVolume();
    }

    public List<String> groups() {
        return settings.groups();
    }

    /**
     * The groups whose command topics the broker has acknowledged subscribing to: {@link #groups()} changes when a
     * desired state arrives, this one once the subscriptions are in place (a group command sent in between is not
     * delivered to this speaker).
     */
    public List<String> subscribedGroups() {
        return subscribedGroups;
    }

    /** Version of the last desired state applied; null if none yet. */
    public Long desiredVersion() {
        return settings.desiredVersion();
    }

    /** This speaker's latest playback, playing or ended; empty if it was never told to play. */
    public Optional<PlaybackStats> playback() {
        String id = deviceId();
        return id == null ? Optional.empty() : ctx.audio().stats(id);
    }

    /**
     * This speaker's playbacks, oldest first: the last {@link vn.loa.sim.audio.AudioPlane#HISTORY_PER_SPEAKER} that
     * ended, then the one going on; empty if it was never told to play.
     */
    public List<PlaybackRecord> history() {
        String id = deviceId();
        return id == null ? List.of() : ctx.audio().history(id);
    }

    public long commandsReceived() {
        return commands.received();
    }

    public long commandsAnswered() {
        return commandsAnswered.get();
    }

    /** True for a speaker chosen by the never-ack fault. */
    public boolean neverAcks() {
        return neverAcks;
    }

    /** How late this speaker answers commands (the slow-ack fault); zero for most. */
    public Duration ackDelay() {
        return ackDelay;
    }
}
