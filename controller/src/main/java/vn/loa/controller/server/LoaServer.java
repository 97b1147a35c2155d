package vn.loa.controller.server;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import vn.loa.broker.BrokerSettings;
import vn.loa.broker.EmbeddedBroker;
import vn.loa.controller.command.CommandRoutes;
import vn.loa.controller.command.CommandService;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.media.MediaRoutes;
import vn.loa.controller.media.MediaService;
import vn.loa.controller.media.MediaUsage;
import vn.loa.controller.stream.JoinKey;
import vn.loa.controller.stream.StreamRoutes;
import vn.loa.controller.stream.StreamService;
import vn.loa.controller.stream.StreamSettings;
import vn.loa.streamer.StreamerSettings;
import vn.loa.streamer.media.MediaLibrary;
import vn.loa.streamer.media.MediaLimits;
import vn.loa.controller.desired.DesiredPublisher;
import vn.loa.controller.desired.DesiredRoutes;
import vn.loa.controller.device.AreaDirectory;
import vn.loa.controller.device.DeviceAuthenticator;
import vn.loa.controller.device.DeviceInbound;
import vn.loa.controller.device.DeviceJobs;
import vn.loa.controller.device.DeviceLifecycle;
import vn.loa.controller.device.DeviceRepository;
import vn.loa.controller.device.DeviceRoutes;
import vn.loa.controller.device.DeviceStateTable;
import vn.loa.controller.device.InboundRejections;
import vn.loa.controller.device.LiveStateStore;
import vn.loa.controller.device.ScopedDevices;
import vn.loa.controller.device.VerifiedSecrets;
import vn.loa.controller.membership.GroupMembershipCache;
import vn.loa.controller.membership.MembershipRoutes;
import vn.loa.controller.membership.MembershipService;
import vn.loa.controller.provisioning.ProvisioningService;
import vn.loa.controller.telemetry.TelemetryRollup;
import vn.loa.controller.telemetry.TelemetryRoutes;
import vn.loa.controller.telemetry.TelemetryWriter;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.area.AreaRoutes;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.area.AreaService;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.AdminBootstrap;
import vn.loa.controller.auth.AuthRoutes;
import vn.loa.controller.auth.PasswordHasher;
import vn.loa.controller.auth.SessionStore;
import vn.loa.controller.auth.UserRepository;
import vn.loa.controller.auth.UserService;
import vn.loa.controller.audit.RequestAudit;
import vn.loa.controller.user.UserAccounts;
import vn.loa.controller.user.UserRoutes;
import vn.loa.controller.config.LoaConfig;
import vn.loa.controller.console.ConsoleRoutes;
import vn.loa.controller.console.ConsoleSettings;
import vn.loa.controller.config.OwnerOnlyFiles;
import vn.loa.controller.group.GroupRepository;
import vn.loa.controller.group.GroupRoutes;
import vn.loa.controller.group.GroupService;
import vn.loa.controller.http.HealthRoutes;
import vn.loa.controller.http.HttpServer;
import vn.loa.controller.http.Json;
import vn.loa.controller.http.MetricsRoutes;
import vn.loa.controller.http.OpenApiRoutes;
import vn.loa.controller.storage.Database;
import java.time.ZoneId;
import vn.loa.controller.alarm.AlarmBoard;
import vn.loa.controller.alarm.AlarmRoutes;
import vn.loa.controller.alarm.Alarms;
import vn.loa.controller.audit.AuditRoutes;
import vn.loa.controller.broadcast.BroadcastLauncher;
import vn.loa.controller.broadcast.BroadcastRoutes;
import vn.loa.controller.broadcast.BroadcastService;
import vn.loa.controller.broadcast.BroadcastSettings;
import vn.loa.controller.broadcast.OnAirContent;
import vn.loa.controller.broadcast.Priority;
import vn.loa.controller.dashboard.DashboardRoutes;
import vn.loa.controller.dashboard.DashboardService;
import vn.loa.controller.device.LiveState;
import vn.loa.controller.events.DeviceAreaPaths;
import vn.loa.controller.events.EventHub;
import vn.loa.controller.events.EventRoutes;
import vn.loa.controller.report.AirtimeReport;
import vn.loa.controller.report.PresenceHistory;
import vn.loa.controller.report.ReportRoutes;
import vn.loa.controller.report.UptimeReport;
import vn.loa.controller.schedule.ScheduleRoutes;
import vn.loa.controller.schedule.ScheduleService;
import vn.loa.controller.schedule.ScheduleSettings;
import vn.loa.controller.tts.EspeakTextToSpeech;
import vn.loa.controller.tts.TtsRoutes;
import vn.loa.controller.tts.TtsRoutes;

/**
 * The whole Loa server wired from one {@link LoaConfig}: each part is built in order and handed what it needs;
 * {@link #close()} takes them down in reverse.
 */
public final class LoaServer implements AutoCloseable {
    public static final String PROVISIONING_KEY_FILE = "provisioning-key";
    public static final String GENERATED_KEYSTORE_PASSWORD_FILE = "broker-keystore-password";
    /** Under the data directory: the media library, and where uploads are spooled on their way in. */
    public static final String MEDIA_DIR = "media";
    public static final String SPOOL_DIR = "tmp";
    private static final long MIB = 1024L * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LoaServer.class);


    private final LoaConfig config;
    private final Path dataDir;
    private final Deque<AutoCloseable> closeInReverse = new ArrayDeque<>();
    private final Database database;
    private final PrometheusMeterRegistry registry;
    private final AdminBootstrap adminBootstrap;
    private final String provisioningKey;
    private final EmbeddedBroker broker;
    private final DesiredPublisher desired;
    private final CommandService commands;
    private final StreamService streams;
    private final BroadcastService broadcasts;
    private final ScheduleService schedules;
    private final HttpServer http;
    private final EventHub events;
    private final AlarmBoard alarms;
    private boolean closed;

    public LoaServer(LoaConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With a clock of the caller's choosing, so tests can let sessions and lockouts expire. */
    public LoaServer(LoaConfig config, Clock clock) {
        this.config = config;
        try {
            config.warnings().forEach(LOG::warn);
            dataDir = createDataDir(config.dataDir());

            database = own(new Database(config.jdbcUrl().orElse(Database.h2FileUrl(dataDir)),
                    config.jdbcUser(), config.jdbcPassword(), config.jdbcPoolSize()));
            Jdbi jdbi = database.jdbi();
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            closeInReverse.push(registry::close);
            bindProcessMetrics();
            AuditLog audit = new AuditLog(jdbi);
            AreaScopes scopes = new AreaScopes(jdbi);

            UserRepository users = new UserRepository(jdbi);
            SessionStore sessions = new SessionStore(Duration.ofMinutes(config.sessionTtlMinutes()),
                    Duration.ofHours(config.sessionMaxHours()), clock);
            UserService userService = new UserService(users, sessions, audit, config.loginMaxFailures(),
                    Duration.ofMinutes(config.loginLockoutMinutes()), clock);
            adminBootstrap = new AdminBootstrap(users, dataDir);
            adminBootstrap.ensureAdmin(config.adminPassword());
            provisioningKey = config.provisioningKey().orElseGet(() -> OwnerOnlyFiles.readOrCreate(
                    dataDir.resolve(PROVISIONING_KEY_FILE), PasswordHasher::newSecret));

            AreaService areas = new AreaService(jdbi, scopes, audit);
            GroupService groups = new GroupService(new GroupRepository(jdbi), scopes, audit);

            // the live feed, alarms and presence history: what consoles watch and what the reports read
            ZoneId zone = config.scheduleTimeZone();
            events = new EventHub(Json.newMapper(), registry);
            DeviceAreaPaths devicePaths = new DeviceAreaPaths(jdbi);
            alarms = new AlarmBoard(events, devicePaths, clock);
            PresenceHistory presence = new PresenceHistory(jdbi, events, devicePaths, registry, clock);
            presence.closeOpenHistory();

            DeviceRepository devices = new DeviceRepository(jdbi);
            AreaDirectory areaDirectory = new AreaDirectory(jdbi);
            LiveStateStore live = new LiveStateStore(registry, presence);
            DeviceStateTable stateTable = new DeviceStateTable(jdbi, clock);
            VerifiedSecrets verified = new VerifiedSecrets();
            InboundRejections rejections = new InboundRejections(registry, clock);
            TelemetryWriter telemetry = new TelemetryWriter(jdbi, registry);
            GroupMembershipCache membership = GroupMembershipCache.load(jdbi);
            // the broker needs the inbound handler and the handlers need the broker to answer (the streams need the
            // commands, which need the broker): forward references
            AtomicReference<ProvisioningService> provisioning = new AtomicReference<>();
            AtomicReference<CommandService> commandService = new AtomicReference<>();
            AtomicReference<StreamService> streamService = new AtomicReference<>();
            AtomicReference<BroadcastService> broadcastService = new AtomicReference<>();
            AtomicReference<ScheduleService> scheduleService = new AtomicReference<>();
            DeviceInbound inbound = new DeviceInbound(live, telemetry,
                    (serial, payload) -> provisioning.get().onProvisionRequest(serial, payload),
                    (deviceId, payload) -> commandService.get().onResult(deviceId, payload),
                    (deviceId, playback) -> {
                        streamService.get().onPlayback(deviceId, playback);
                        broadcastService.get().onPlayback(deviceId, playback);
                    },
                    rejections, registry, clock);
            broker = own(new EmbeddedBroker(new BrokerSettings(config.mqttHost(), config.mqttPort(),
                    config.mqttTlsPort(), dataDir.resolve("broker"), config.mqttTlsKeystore().orElse(null),
                    keystorePassword(config, dataDir), config.willDelayMaxSeconds(), config.mqttSessionStorage()),
                    new DeviceAuthenticator(devices, userService, verified, provisioningKey, clock),
                    membership, inbound, registry));
            provisioning.set(new ProvisioningService(devices, areaDirectory, broker, rejections, audit, registry,
                    clock, config.provisioningRetrySeconds()));
            commands = own(new CommandService(jdbi, registry, broker, live, audit, scopes, clock,
                    config.commandExpirySeconds()));
            commandService.set(commands);
            DeviceLifecycle lifecycle = new DeviceLifecycle(devices, broker, live, verified, audit, clock);
            desired = new DesiredPublisher(jdbi, broker, membership, clock);
            MembershipService members = new MembershipService(jdbi, membership, desired, broker, audit, scopes);
            own(new DeviceJobs(live, stateTable, clock, List.of(telemetry.job(), presence.job(),
                    presence.pruneJob(Duration.ofDays(config.telemetryHourlyDays())),
                    new TelemetryRollup(jdbi, clock, config.telemetryRawDays(), config.telemetryHourlyDays()).job())));

            Path spool = dataDir.resolve(SPOOL_DIR);
            long maxUploadBytes = config.mediaMaxUploadMb() * MIB;
            MediaLibrary library = new MediaLibrary(dataDir.resolve(MEDIA_DIR),
                    new MediaLimits(maxUploadBytes, Duration.ofMinutes(config.mediaMaxMinutes())));
            // media deletion asks the streams and schedules whether they play an item, and both read media
            MediaUsage usage = new MediaUsage(id -> streamService.get().streamsUsing(id),
                    id -> scheduleService.get().schedulesPlaying(id));
            MediaService media = new MediaService(jdbi, library, usage, audit, scopes, spool, maxUploadBytes, clock);
            EspeakTextToSpeech speech = new EspeakTextToSpeech(jdbi, media, audit, config.ttsCommand(), spool, clock);
            warnIfDevicesCannotReachStreams(config);
            StreamerSettings streamer = StreamerSettings.defaults(config.rtpHost(), config.rtpPort(),
                    JoinKey.readOrCreate(dataDir)).withMulticast(config.rtpMulticastInterface().orElse(null),
                    config.rtpMulticastTtl());
            streams = own(new StreamService(streamer, media, speech, commands, new DeviceTargets(jdbi, scopes), audit,
                    StreamSettings.from(config), registry, clock));
            streamService.set(streams);
            // only approved content goes on air, by hand or on a calendar
            OnAirContent content = new OnAirContent(media, audit, config.broadcastEmergencyRole());
            broadcasts = own(new BroadcastService(jdbi, streams, commands, new DeviceTargets(jdbi, scopes), live,
                    speech, audit, alarms, events, scopes, content, BroadcastSettings.from(config),
                    clock));
            broadcastService.set(broadcasts);
            streams.watch(broadcasts);
            media.onWithdrawn(broadcasts::withdrawn);

            schedules = new ScheduleService(jdbi, new DeviceTargets(jdbi, scopes), scopes, content, audit,
                    () -> broadcasts, ScheduleSettings.from(config), clock);
            scheduleService.set(schedules);

            http = own(new HttpServer(config.httpHost(), config.httpPort(), config.metricsPublic(),
                    userService, Json.newMapper(), registry, spool, List.of(
                    new HealthRoutes(version(), jdbi, clock),
                    new MetricsRoutes(registry),
                    new OpenApiRoutes(),
                    new AuthRoutes(userService),
                    new UserRoutes(new UserAccounts(users, userService, scopes, audit, clock)),
                    new RequestAudit(audit),
                    new AreaRoutes(areas),
                    new GroupRoutes(groups),
                    new DeviceRoutes(devices, scopes, areaDirectory, live, stateTable, lifecycle, audit, clock),
                    new TelemetryRoutes(jdbi, new ScopedDevices(devices, scopes), clock),
                    new CommandRoutes(commands),
                    new DesiredRoutes(desired, jdbi, scopes, audit),
                    new MembershipRoutes(members),
                    new MediaRoutes(media),
                    new TtsRoutes(speech),
                    new StreamRoutes(streams, userService::authenticate,
                            (caller, source) -> content.require(caller, source, Priority.NORMAL)),
                    new BroadcastRoutes(broadcasts, clock),
                    new ScheduleRoutes(schedules),
                    new AuditRoutes(audit, zone),
                    new ReportRoutes(new UptimeReport(jdbi, id -> live.snapshot(id).map(LiveState.Snapshot::lastSeen)),
                            new AirtimeReport(jdbi, zone), scopes, zone, clock),
                    new AlarmRoutes(alarms, scopes),
                    new EventRoutes(events, scopes, userService),
                    new DashboardRoutes(new DashboardService(jdbi, scopes, live, broadcasts, alarms)),
                    new ConsoleRoutes(ConsoleSettings.from(config)))));
            // closed before the parts its occurrences use
            own(schedules);
            // consoles are let go before the HTTP server stops, so it does not wait on their open streams
            own(events);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts taking traffic: commands in flight are recovered, then the broker (given back every speaker's retained
     * desired state, which a broker keeping sessions in memory has lost), then the API.
     */
    public LoaServer start() {
        commands.start();
        broker.start();
        desired.restoreRetained();
        broadcasts.start();
        http.start();
        schedules.start();
        LOG.info("Loa is up: API on port {}, MQTT on {}, MQTT over TLS on {}, RTP on {}", http.port(),
                broker.mqttPort(), broker.tlsPort() < 0 ? "(disabled)" : broker.tlsPort(), streams.port());
        return this;
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    public static String version() {
        String version = LoaServer.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    public int httpPort() {
        return http.port();
    }

    /** The bound RTP port (useful when configured as 0). */
    public int rtpPort() {
        return streams.port();
    }

    /** Starts and ends broadcasts as the scheduler does. */
    public BroadcastLauncher broadcasts() {
        return broadcasts;
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public HttpServer http() {
        return http;
    }

    /** The alarms raised now; services raise and clear theirs here. */
    public Alarms alarms() {
        return alarms;
    }

    /** The live event feed consoles watch; services publish what happens here. */
    public EventHub events() {
        return events;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Path dataDir() {
        return dataDir;
    }

    public LoaConfig config() {
        return config;
    }

    /** The key devices present to provision themselves: configured, or generated once into the data directory. */
    public String provisioningKey() {
        return provisioningKey;
    }

    /** Where the generated admin password was written, if one was generated. */
    public Path adminPasswordFile() {
        return adminBootstrap.passwordFile();
    }

    /** Stops every part, last built first; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!closeInReverse.isEmpty()) {
            AutoCloseable part = closeInReverse.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Failed to stop {} cleanly", part.getClass().getSimpleName(), e);
            }
        }
        LOG.info("Loa stopped");
    }

    private <T extends AutoCloseable> T own(T part) {
        closeInReverse.push(part);
        return part;
    }

    private void bindProcessMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        own(new JvmGcMetrics()).bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** A play order naming a loopback address reaches only speakers on this machine. */
    private static void warnIfDevicesCannotReachStreams(LoaConfig config) {
        boolean wildcard = config.rtpHost().equals("0.0.0.0") || config.rtpHost().equals("::");
        boolean loopback = config.rtpPublicHost().equals("localhost") || config.rtpPublicHost().startsWith("127.")
                || config.rtpPublicHost().equals("::1");
        if (wildcard && loopback) {
            LOG.warn("rtp.public.host is {}: speakers on other machines cannot join streams; set it (LOA_RTP_PUBLIC_HOST)"
                    + " to the address speakers reach this server at", config.rtpPublicHost());
        }
    }

    /** The configured keystore's password; for the generated self-signed one, a password generated once. */
    private static String keystorePassword(LoaConfig config, Path dataDir) {
        if (!config.mqttTlsKeystorePassword().isEmpty() || config.mqttTlsKeystore().isPresent()) {
            return config.mqttTlsKeystorePassword();
        }
        return OwnerOnlyFiles.readOrCreate(dataDir.resolve(GENERATED_KEYSTORE_PASSWORD_FILE), PasswordHasher::newSecret);
    }

    private static Path createDataDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }
}
