package vn.loa.controller.stream;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.command.AcceptedCommand;
import vn.loa.controller.command.CommandService;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.device.LiveState;
import vn.loa.controller.device.PlaybackEvents;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.controller.media.MediaItem;
import vn.loa.controller.media.MediaService;
import vn.loa.controller.storage.RandomIds;
import vn.loa.controller.tts.TextToSpeech;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.protocol.message.PlaySrtp;
import vn.loa.protocol.rtp.StreamSdp;
import vn.loa.protocol.srtp.SrtpKey;
import vn.loa.protocol.srtp.SrtpSender;
import vn.loa.streamer.ReceiverStats;
import vn.loa.streamer.RtpStream;
import vn.loa.streamer.RtpStreamer;
import vn.loa.streamer.StreamEvents;
import vn.loa.streamer.StreamOptions;
import vn.loa.streamer.StreamerSettings;
import vn.loa.streamer.source.FallbackSource;
import vn.loa.streamer.media.MediaLibrary;
import vn.loa.streamer.source.FrameSource;
import vn.loa.streamer.source.LivePcmSource;
import vn.loa.streamer.source.MediaFrameSource;
import vn.loa.streamer.source.RelaySettings;
import vn.loa.streamer.source.RelaySource;
import vn.loa.streamer.source.SourceHealth;

/**
 * Streams through the API: starts one on the {@link RtpStreamer} from a media playlist, a relayed URL or live PCM,
 * sends {@code play} orders (each device its own join token) and {@code stop}s through the {@link CommandService},
 * and aims streams at static listeners. Streams live in memory and end with the process.
 */
public final class StreamService implements StreamEvents, PlaybackEvents, AutoCloseable {
    /** Streams at once, running or recently ended. */
    public static final int MAX_STREAMS = 500;
    public static final int MAX_NAME_LENGTH = 200;
    /** An ended stream stays listed this long, so its end and figures can be read. */
    public static final Duration ENDED_RETENTION = Duration.ofMinutes(10);
    /**
     * Details of a {@code playback-failed} event after which the device is sent a fresh play order: it lost the
     * stream (its address changed behind NAT, so its token no longer fits), or never heard it after joining.
     */
    static final Set<String> REJOIN_AFTER = Set.of("stream-lost", "join-timeout");
    /** How long reports of a lost stream are gathered, from the first, before the fresh play orders go out. */
    static final Duration REJOIN_ROUND = Duration.ofMillis(250);
    private static final String STREAM_ID_PREFIX = "s";

    private static final Logger log = LoggerFactory.getLogger(StreamService.class);

    private final RtpStreamer streamer;
    private final MediaService media;
    private final TextToSpeech speech;
    private final CommandService commands;
    private final DeviceTargets targets;
    private final AuditLog audit;
    private final StreamSettings settings;
    private final StreamerMetrics metrics;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RunningStream> streams = new ConcurrentHashMap<>();
    private final Microphones microphones;
    private volatile StreamEvents watcher = StreamEvents.NONE;
    private final RejoinQueue rejoins = new RejoinQueue();
    private final ScheduledExecutorService rejoinRounds = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stream-rejoins");
        t.setDaemon(true);
        return t;
    });

    /** Starts the streamer, which this service owns and closes; its events come back here. */
    public StreamService(StreamerSettings streamerSettings, MediaService media, TextToSpeech speech,
                         CommandService commands, DeviceTargets targets, AuditLog audit, StreamSettings settings,
                         MeterRegistry registry, Clock clock) {
        this.media = media;
        this.speech = speech;
        this.commands = commands;
        this.targets = targets;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.microphones = new Microphones(clock);
        // no event can arrive before a stream is opened, and none is opened before construction ends
        this.streamer = startStreamer(streamerSettings, this);
        this.metrics = new StreamerMetrics(registry, streamer.counters());
        log.info("RTP streamer on {}:{}, play orders name {}", streamerSettings.bindHost(), streamer.port(),
                settings.publicHost());
        prepareSrtpInTheBackground();
    }

    /** On a thread of its own: the common pool serves requests, and this takes half a second once per JVM. */
    private static void prepareSrtpInTheBackground() {
        Thread prepare = new Thread(() -> {
            try {
                SrtpSender.prepareCiphers();
            } catch (RuntimeException e) {
                log.warn("SRTP is not available: {}", e.getMessage());
            }
        }, "loa-srtp-prepare");
        prepare.setDaemon(true);
        prepare.start();
    }

    /** The UDP port joins, RTP and RTCP use. */
    public int port() {
        return streamer.port();
    }

    /**
     * Starts a stream; it paces from now on, whether or not anyone listens.
     *
     * @param name printable text of at most {@link #MAX_NAME_LENGTH} characters
     * @param srtp whether the stream is SRTP; null: as the server is configured ({@code stream.srtp})
     */
    public StreamViews.Summary create(Caller caller, String name, SourceSpec source, Boolean srtp) {
        caller.require(Role.OPERATOR);
        boolean secure = srtp != null ? srtp : settings.srtp();
        return StreamViews.summary(start(caller, name, source, prepare(caller, source, 0), null, secure));
    }

    /**
     * Reads and positions a media playlist (text-to-speech spoken first) ahead of the stream's start; relays and
     * live sources are left to open with the stream.
     *
     * @param startAtMillis where in a media playlist to start; ignored for other sources
     */
    public PreparedSource prepare(Caller caller, SourceSpec source, long startAtMillis) {
        boolean playlist = source.type() == SourceSpec.Type.media || source.type() == SourceSpec.Type.tts;
        return new PreparedSource(source, startAtMillis, playlist ? openSource(caller, source, startAtMillis) : null);
    }

    /**
     * Starts a stream for a broadcast, which has checked the caller's rights and plays it with
     * {@link #playOn}; every play order of the stream carries {@code volume}.
     */
    public StreamHandle open(Caller caller, String name, PreparedSource source, Integer volume) {
        return new StreamHandle(start(caller, name, source.source(), source, volume, settings.srtp()));
    }

    private RunningStream start(Caller caller, String name, SourceSpec source, PreparedSource prepared,
                                Integer volume, boolean srtp) {
        forgetEndedStreams();
        if (streams.size() >= MAX_STREAMS) {
            prepared.close();
            throw new ApiException(429, "too many streams, delete one first", Map.of("limit", MAX_STREAMS));
        }
        String id = RandomIds.next(STREAM_ID_PREFIX);
        OpenedSource opened = prepared.take();
        if (opened == null) {
            opened = source.type() == SourceSpec.Type.live ? OpenedSource.live(new LivePcmSource("live: " + name))
                    : openSource(caller, source, prepared.startAtMillis());
        }
        RtpStream rtp;
        try {
            rtp = streamer.open(id, opened.frames(),
                    srtp ? StreamOptions.DEFAULT.withSrtp(SrtpKey.generate(random)) : StreamOptions.DEFAULT);
        } catch (RuntimeException e) {
            opened.frames().close();
            throw e;
        }
        int delayMs = opened.live() != null ? settings.liveDelayMs() : settings.delayMs();
        RunningStream stream = new RunningStream(name, source, caller.username(), clock.instant(), delayMs, volume,
                rtp, opened);
        streams.put(id, stream);
        if (rtp.health() == SourceHealth.ENDED) {
            stream.ended().mark(clock.instant()); // a source so short that it ended before it was registered here
        }
        metrics.streamOpened(rtp);
        audit.record(caller.username(), "stream.create", "stream:" + id, "\"" + name + "\" " + rtp.describe()
                + (srtp ? " (SRTP)" : ""));
        log.info("stream {} \"{}\" started by {}: {}", id, name, caller.username(), rtp.describe());
        return stream;
    }

    /**
     * Sends each of {@code deviceIds} its own play order for the stream, as one command recorded against
     * {@code recordedAs} (the broadcast); devices not online are recorded offline.
     */
    public Optional<AcceptedCommand> playOn(Caller caller, StreamHandle handle, CommandTarget recordedAs,
                                            Collection<String> deviceIds) {
        RunningStream stream = handle.stream();
        stream.toldToPlay().addAll(deviceIds);
        return commands.sendEachTo(caller, recordedAs, deviceIds, CommandType.play, stream.id(), playOrders(stream));
    }

    /** Sends {@code stop} for the stream to each of {@code deviceIds}, as one command. */
    public Optional<AcceptedCommand> stopOn(Caller caller, StreamHandle handle, CommandTarget recordedAs,
                                            Collection<String> deviceIds) {
        RunningStream stream = handle.stream();
        stream.toldToPlay().removeAll(deviceIds);
        return commands.sendEachTo(caller, recordedAs, deviceIds, CommandType.stop, stream.id(),
                (commandId, deviceId, expires) -> Command.of(commandId, CommandType.stop, stream.id(), expires));
    }

    /** Where a stream's events go besides this service (the broadcasts); set once while wiring. */
    public void watch(StreamEvents watcher) {
        this.watcher = watcher;
    }

    public ListPage<StreamViews.Summary> list(Caller caller, Paging page) {
        caller.require(Role.VIEWER);
        forgetEndedStreams();
        List<StreamViews.Summary> all = streams.values().stream()
                .sorted(Comparator.comparing(RunningStream::startedAt).reversed())
                .map(StreamViews::summary)
                .toList();
        int from = (int) Math.min(all.size(), page.offset());
        return new ListPage<>(all.subList(from, Math.min(all.size(), from + page.limit())), all.size());
    }

    public StreamViews.Details get(Caller caller, String id) {
        caller.require(Role.VIEWER);
        return StreamViews.details(find(id));
    }

    /**
     * Stops the stream and sends {@code stop} to the targets it was played to. Refused (403) when one of those
     * targets lies outside the caller's scope: the caller may not command those speakers.
     */
    public List<AcceptedCommand> delete(Caller caller, String id) {
        caller.require(Role.OPERATOR);
        RunningStream stream = find(id);
        for (CommandTarget target : stream.playTargets()) {
            try {
                targets.requireVisible(caller, target);
            } catch (ApiException e) {
                throw new ApiException(403, "the stream plays to speakers outside your area",
                        Map.of("target", target.label()));
            }
        }
        stream.rtp().close();
        remove(stream);
        List<AcceptedCommand> stops = stopDeleted(caller, stream);
        audit.record(caller.username(), "stream.delete", "stream:" + id, "\"" + stream.name() + "\"");
        return stops;
    }

    /** Sends each device of the targets its own play order; a device named twice is sent one. */
    public List<AcceptedCommand> play(Caller caller, String id, List<CommandTarget> playTargets) {
        caller.require(Role.OPERATOR);
        RunningStream stream = find(id);
        if (stream.ended().at() != null) {
            throw ApiException.conflict("the stream has ended", Map.of("endedAt", stream.ended().at().toString()));
        }
        Set<String> reached = new HashSet<>();
        List<AcceptedCommand> sent = new ArrayList<>();
        for (CommandTarget target : playTargets) {
            sendPlay(caller, stream, target, reached).ifPresent(sent::add);
            stream.playTargets().add(target);
            stream.toldToPlay().addAll(reached);
        }
        return sent;
    }

    /**
     * A device that lost the stream or could not join it gets a fresh play order with a new token, if it was told
     * to play a stream that still runs: within {@link #REJOIN_ROUND}, together with the others that lost it.
     */
    @Override
    public void onPlayback(String deviceId, LiveState.Playback playback) {
        if (LiveState.PLAYBACK_FAILED.equals(playback.event()) && REJOIN_AFTER.contains(playback.detail())
                && playback.stream() != null) {
            queueRejoins(playback.stream(), List.of(deviceId));
        }
    }

    private void queueRejoins(String streamId, Collection<String> deviceIds) {
        if (rejoins.add(streamId, deviceIds)) {
            rejoinRounds.schedule(this::sendRejoinsSafely, REJOIN_ROUND.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sendRejoinsSafely() {
        try {
            sendRejoins();
        } catch (RuntimeException e) {
            log.error("sending fresh play orders failed", e);
        }
    }

    /** Sends the fresh play orders due, one command per stream; those refused for now wait for the next round. */
    private void sendRejoins() {
        rejoins.drain().forEach((streamId, devices) -> {
            RunningStream stream = streams.get(streamId);
            if (stream == null || stream.ended().at() != null) {
                return;
            }
            List<String> still = devices.stream().filter(stream.toldToPlay()::contains).toList();
            if (still.isEmpty()) {
                return;
            }
            try {
                commands.sendEachTo(Caller.SERVER, CommandTarget.stream(streamId), still, CommandType.play, streamId,
                        playOrders(stream));
                log.info("stream {}: sent fresh play orders to {} speakers that lost it", streamId, still.size());
            } catch (ApiException e) {
                if (e.status() == CommandService.BUSY_STATUS) {
                    queueRejoins(streamId, still);
                    log.info("stream {}: {} speakers wait for a fresh play order: {}", streamId, still.size(),
                            e.getMessage());
                } else {
                    log.warn("stream {}: cannot send {} speakers a fresh play order: {}", streamId, still.size(),
                            e.getMessage());
                }
            }
        });
    }

    /** Sends {@code stop} (value: the stream id) to every device of the targets. */
    public List<AcceptedCommand> stop(Caller caller, String id, List<CommandTarget> stopTargets) {
        caller.require(Role.OPERATOR);
        RunningStream stream = find(id);
        List<AcceptedCommand> stops = stopTargets(caller, stream, stopTargets);
        stream.playTargets().removeAll(stopTargets);
        return stops;
    }

    /** Aims the stream at a unicast host:port without any join (monitoring, an FM transmitter's encoder). */
    public StreamViews.Details addListener(Caller caller, String id, InetSocketAddress listener) {
        caller.require(Role.ADMIN);
        RunningStream stream = find(id);
        stream.rtp().addListener(listener);
        audit.record(caller.username(), "stream.listener.add", "stream:" + id, StreamViews.address(listener));
        return StreamViews.details(stream);
    }

    public void removeListener(Caller caller, String id, InetSocketAddress listener) {
        caller.require(Role.ADMIN);
        if (!find(id).rtp().removeListener(listener)) {
            throw ApiException.notFound("listener " + StreamViews.address(listener));
        }
        audit.record(caller.username(), "stream.listener.remove", "stream:" + id, StreamViews.address(listener));
    }

    /** The stream's first static listener, if it has one. */
    public Optional<InetSocketAddress> firstListener(Caller caller, String id) {
        caller.require(Role.VIEWER);
        return find(id).rtp().receivers().stream().filter(r -> r.deviceId() == null).map(ReceiverStats::address)
                .findFirst();
    }

    /**
     * The SDP with which a standard receiver listening at {@code listener} plays the stream. That of an SRTP stream
     * holds its key: an operator may read it, a viewer only the SDP of a plain stream.
     */
    public String sdp(Caller caller, String id, InetSocketAddress listener) {
        caller.require(Role.VIEWER);
        RunningStream stream = find(id);
        RtpStream rtp = stream.rtp();
        if (rtp.srtp().isPresent()) {
            caller.require(Role.OPERATOR);
        }
        String host = listener.getAddress().getHostAddress();
        return new StreamSdp(stream.name(), rtp.ssrc(), settings.publicHost(), host,
                listener.getPort(), rtp.payloadType(), rtp.frameMillis(), rtp.srtp().orElse(null),
                streamer.multicastTtl()).toText();
    }

    /** The live source to push PCM into; 409 for a stream of another kind. */
    public LivePcmSource liveInput(Caller caller, String id) {
        caller.require(Role.OPERATOR);
        RunningStream stream = find(id);
        if (stream.live() == null) {
            throw ApiException.conflict("the stream is not live", Map.of("source", stream.source().type()));
        }
        if (stream.ended().at() != null) {
            throw ApiException.conflict("the stream has ended", Map.of("endedAt", stream.ended().at().toString()));
        }
        return stream.live();
    }

    /**
     * Since when no microphone has fed a live stream: its start, or when the last microphone left; empty while one
     * feeds it, and for a stream that is not live or not known.
     */
    public Optional<Instant> unfedSince(String id) {
        RunningStream stream = streams.get(id);
        if (stream == null || stream.live() == null || microphones.isFed(id)) {
            return Optional.empty();
        }
        return Optional.of(microphones.lastLeft(id).orElse(stream.startedAt()));
    }

    /** The microphones feeding live streams, for the WebSocket that carries them. */
    Microphones microphones() {
        return microphones;
    }

    /**
     * The running streams that play the media item: in their playlist, as a relay's fallback, or as the item a
     * text-to-speech source was spoken into.
     */
    public List<String> streamsUsing(long mediaId) {
        return streams.values().stream()
                .filter(s -> s.ended().at() == null && s.media().contains(mediaId))
                .map(RunningStream::id)
                .sorted()
                .toList();
    }

    @Override
    public void receiverJoined(String streamId, String deviceId, InetSocketAddress address) {
        log.debug("stream {}: device {} joined from {}", streamId, deviceId, address);
        watcher.receiverJoined(streamId, deviceId, address);
    }

    @Override
    public void receiverDropped(String streamId, String deviceId, String reason) {
        log.debug("stream {}: device {} dropped ({})", streamId, deviceId, reason);
        watcher.receiverDropped(streamId, deviceId, reason);
    }

    @Override
    public void healthChanged(String streamId, SourceHealth health) {
        log.info("stream {} is {}", streamId, health);
        watcher.healthChanged(streamId, health);
    }

    @Override
    public void ended(String streamId) {
        RunningStream stream = streams.get(streamId);
        if (stream != null) {
            stream.ended().mark(clock.instant());
        }
        log.info("stream {} ended", streamId);
        watcher.ended(streamId);
    }

    /** Closes every stream, then the streamer. */
    @Override
    public void close() {
        rejoinRounds.shutdownNow();
        streams.values().forEach(s -> s.rtp().close());
        streams.clear();
        streamer.close();
    }

    private static RtpStreamer startStreamer(StreamerSettings streamerSettings, StreamEvents events) {
        try {
            return RtpStreamer.start(streamerSettings, events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the RTP streamer", e);
        }
    }

    private PlayOrder playOrder(RunningStream stream, String deviceId) {
        RtpStream rtp = stream.rtp();
        long expires = clock.instant().plusSeconds(settings.joinTokenSeconds()).getEpochSecond();
        return new PlayOrder(rtp.id(), settings.publicHost(), streamer.port(),
                streamer.joinTokens().issue(rtp.id(), deviceId, expires), rtp.ssrc(), rtp.payloadType(),
                rtp.frameMillis(), stream.delayMs(), stream.volume(),
                rtp.srtp().map(key -> new PlaySrtp(key, rtp.nextPacketIndex())).orElse(null));
    }

    private List<AcceptedCommand> stopTargets(Caller caller, RunningStream stream, List<CommandTarget> stopTargets) {
        Set<String> reached = new HashSet<>();
        List<AcceptedCommand> sent = new ArrayList<>();
        for (CommandTarget target : stopTargets) {
            sendStop(caller, stream, target, reached).ifPresent(sent::add);
        }
        stream.toldToPlay().removeAll(reached);
        return sent;
    }

    /** Stops for a deleted stream: a target that has no active device left any more is skipped, not refused. */
    private List<AcceptedCommand> stopDeleted(Caller caller, RunningStream stream) {
        Set<String> reached = new HashSet<>();
        List<AcceptedCommand> sent = new ArrayList<>();
        for (CommandTarget target : stream.playTargets()) {
            try {
                sendStop(caller, stream, target, reached).ifPresent(sent::add);
            } catch (ApiException e) {
                log.info("stream {}: no stop sent to {}: {}", stream.id(), target.label(), e.getMessage());
            }
        }
        return sent;
    }

    private Optional<AcceptedCommand> sendPlay(Caller caller, RunningStream stream, CommandTarget target,
                                               Set<String> reached) {
        return commands.sendEach(caller, target, CommandType.play, stream.id(), reached, playOrders(stream));
    }

    /** Each device's play order for the stream, with its own join token. */
    private CommandService.DeviceCommand playOrders(RunningStream stream) {
        return (commandId, deviceId, expires) -> Command.play(commandId, playOrder(stream, deviceId), expires);
    }

    private Optional<AcceptedCommand> sendStop(Caller caller, RunningStream stream, CommandTarget target,
                                               Set<String> reached) {
        return commands.sendEach(caller, target, CommandType.stop, stream.id(), reached,
                (commandId, deviceId, expires) -> Command.of(commandId, CommandType.stop, stream.id(), expires));
    }

    private OpenedSource openSource(Caller caller, SourceSpec source, long startAtMillis) {
        return switch (source.type()) {
            case tts -> openSource(caller,
                    SourceSpec.ofMedia(List.of(speech.speak(caller, source.text()).id()), false), startAtMillis);
            case media -> {
                List<MediaItem> items = media.require(source.media());
                List<List<byte[]>> frames = items.stream().map(media::frames).toList();
                yield OpenedSource.playlist(new MediaFrameSource(String.join(" | ",
                        items.stream().map(MediaItem::title).toList()), frames, source.loop(), MediaLibrary.FRAME_MILLIS,
                        startAtMillis), source.playedMedia());
            }
            case relay -> {
                RelaySettings defaults = RelaySettings.defaults();
                RelaySettings relaySettings = new RelaySettings(settings.relaySilenceAfter(),
                        settings.relayDeadAfter(), defaults.reconnectMin(), defaults.reconnectMax(),
                        defaults.silenceThresholdDbfs());
                if (source.fallback() == null) {
                    yield OpenedSource.streamed(new RelaySource(URI.create(source.url()), relaySettings),
                            source.playedMedia());
                }
                // the relay at the stored items' frame period, so the fallback plays as stored (see FallbackSource)
                MediaItem item = media.require(List.of(source.fallback())).get(0);
                MediaFrameSource fallback = new MediaFrameSource(item.title(), List.of(media.frames(item)), true,
                        item.frameMs());
                yield OpenedSource.streamed(new FallbackSource(new RelaySource(URI.create(source.url()),
                        relaySettings, item.frameMs()), fallback), source.playedMedia());
            }
            case live -> throw new IllegalArgumentException("a live source is made by the caller");
        };
    }

    private RunningStream find(String id) {
        RunningStream stream = id == null ? null : streams.get(id);
        if (stream == null) {
            throw ApiException.notFound("stream");
        }
        return stream;
    }

    private void remove(RunningStream stream) {
        streams.remove(stream.id());
        microphones.forget(stream.id());
        metrics.streamRemoved(stream.id());
    }

    private void forgetEndedStreams() {
        Instant cutoff = clock.instant().minus(ENDED_RETENTION);
        streams.values().stream()
                .filter(s -> s.ended().at() != null && s.ended().at().isBefore(cutoff))
                .toList()
                .forEach(this::remove);
    }

}
