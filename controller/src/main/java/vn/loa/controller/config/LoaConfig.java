package vn.loa.controller.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.loa.broker.SessionStorage;
import vn.loa.controller.auth.Role;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.streamer.StreamerSettings;

/**
 * Loa's settings: the defaults shipped in the jar ({@code loa-defaults.properties}), overridden by an optional
 * properties file, overridden by environment variables ({@code http.port} &harr; {@code LOA_HTTP_PORT}). Every
 * value is checked when the configuration is loaded, so a bad one stops the server before anything starts.
 */
public final class LoaConfig {
    public static final String DEFAULTS_RESOURCE = "/loa-defaults.properties";
    public static final String ENV_PREFIX = "LOA_";
    /** Environment variable naming the settings file; {@code --config FILE} does the same. */
    public static final String CONFIG_FILE_ENV = "LOA_CONFIG";
    /** Looked for in the data directory when no file is named. */
    public static final String DATA_DIR_FILE_NAME = "loa.properties";
    public static final int MAX_PORT = 65_535;
    /** A port setting may be -1 where that disables the listener. */
    public static final int DISABLED_PORT = -1;
    /** Longest DNS name, and so the longest host a play order may name. */
    public static final int MAX_HOST_NAME_LENGTH = 253;
    private static final String QUIET_HOURS_PATTERN = "([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d";

    private static final Set<String> SECRET_KEYS = Set.of(
            "mqtt.tls.keystore.password", "jdbc.password", "admin.password", "provisioning.key");

    private final Map<String, String> values;
    private final Map<String, String> sources;
    private final List<String> warnings;

    private LoaConfig(Map<String, String> values, Map<String, String> sources, List<String> warnings) {
        this.values = values;
        this.sources = sources;
        this.warnings = List.copyOf(warnings);
        validate();
    }

    /**
     * Loads the settings.
     *
     * @param configFile the file from {@code --config}, or null to use {@code LOA_CONFIG} or the data directory's
     *                   {@code loa.properties}
     * @param env        the process environment (tests pass their own)
     */
    public static LoaConfig load(Path configFile, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        readDefaults().forEach((key, value) -> {
            values.put(key, value);
            sources.put(key, "default");
        });

        Optional<Path> file = chooseFile(configFile, env, values);
        if (file.isPresent()) {
            Map<String, String> fromFile = readFile(file.get());
            for (Map.Entry<String, String> e : fromFile.entrySet()) {
                if (values.containsKey(e.getKey())) {
                    values.put(e.getKey(), e.getValue());
                    sources.put(e.getKey(), file.get().toString());
                } else {
                    warnings.add("Ignoring unknown setting '" + e.getKey() + "' in " + file.get());
                }
            }
        }

        Set<String> usedEnv = new TreeSet<>(Set.of(CONFIG_FILE_ENV));
        for (String key : values.keySet()) {
            String name = envName(key);
            String value = env.get(name);
            if (value != null) {
                values.put(key, value.trim());
                sources.put(key, "env " + name);
                usedEnv.add(name);
            }
        }
        env.keySet().stream()
                .filter(name -> name.startsWith(ENV_PREFIX) && !usedEnv.contains(name))
                .sorted()
                .forEach(name -> warnings.add("Ignoring unknown environment variable " + name + ": Loa has no such setting"));
        return new LoaConfig(values, sources, warnings);
    }

    /** {@code http.port} becomes {@code LOA_HTTP_PORT}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** A copy with some settings replaced, checked like the original; for tests and tools. */
    public LoaConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        Map<String, String> copySources = new TreeMap<>(sources);
        overrides.forEach((key, value) -> {
            if (!copy.containsKey(key)) {
                throw new ConfigException("unknown setting '" + key + "'");
            }
            copy.put(key, value);
            copySources.put(key, "override");
        });
        return new LoaConfig(copy, copySources, warnings);
    }

    public Path dataDir() {
        return Path.of(text("data.dir")).toAbsolutePath().normalize();
    }

    public String httpHost() {
        return nonEmpty("http.host");
    }

    public int httpPort() {
        return port("http.port", false);
    }

    public boolean metricsPublic() {
        return bool("metrics.public");
    }

    public String mqttHost() {
        return nonEmpty("mqtt.host");
    }

    public int mqttPort() {
        return port("mqtt.port", false);
    }

    /** The MQTT TLS port, or {@link #DISABLED_PORT}. */
    public int mqttTlsPort() {
        return port("mqtt.tls.port", true);
    }

    /** The TLS keystore file; empty means a self-signed certificate generated on first start. */
    public Optional<Path> mqttTlsKeystore() {
        return optional("mqtt.tls.keystore").map(Path::of);
    }

    public String mqttTlsKeystorePassword() {
        return text("mqtt.tls.keystore.password");
    }

    public int rtpPort() {
        return port("rtp.port", false);
    }

    /** The address the streamer's UDP socket binds. */
    /** Where the broker keeps sessions and retained messages: {@code memory} (default) or {@code file}. */
    public SessionStorage mqttSessionStorage() {
        String value = text("mqtt.sessions");
        for (SessionStorage storage : SessionStorage.values()) {
            if (storage.name().equalsIgnoreCase(value)) {
                return storage;
            }
        }
        throw invalid("mqtt.sessions", "memory or file");
    }

    public String rtpHost() {
        return nonEmpty("rtp.host");
    }

    /** The address play commands tell speakers to join at. */
    public String rtpPublicHost() {
        String host = nonEmpty("rtp.public.host");
        if (host.length() > MAX_HOST_NAME_LENGTH || host.chars().anyMatch(c -> c <= ' ')) {
            throw invalid("rtp.public.host", "an address or host name of at most " + MAX_HOST_NAME_LENGTH
                    + " characters");
        }
        return host;
    }

    /** The address of the local interface multicast output leaves through; empty: as the routing table says. */
    public Optional<String> rtpMulticastInterface() {
        return optional("rtp.multicast.interface");
    }

    /** Hops multicast output may take (1: the LAN segment only). */
    public int rtpMulticastTtl() {
        return integer("rtp.multicast.ttl", 0, StreamerSettings.MAX_MULTICAST_TTL);
    }

    /** Playout delay of pre-recorded and relayed streams. */
    public int streamDelayMs() {
        return integer("stream.delay.ms", PlayOrder.MIN_DELAY_MS, PlayOrder.MAX_DELAY_MS);
    }

    /** Playout delay of live streams. */
    public int streamLiveDelayMs() {
        return integer("stream.live.delay.ms", PlayOrder.MIN_DELAY_MS, PlayOrder.MAX_DELAY_MS);
    }

    /** Whether streams are SRTP unless their creator says otherwise. */
    public boolean streamSrtp() {
        return bool("stream.srtp");
    }

    public int joinTokenSeconds() {
        return integer("join.token.seconds", 1, 86_400);
    }

    public int mediaMaxUploadMb() {
        return integer("media.max.upload.mb", 1, 10_240);
    }

    public int mediaMaxMinutes() {
        return integer("media.max.minutes", 1, 24 * 60);
    }

    public int relaySilenceSeconds() {
        return integer("relay.silence.seconds", 1, 3_600);
    }

    public int relayDeadSeconds() {
        return integer("relay.dead.seconds", 1, 3_600);
    }

    /** The least role that may send an EMERGENCY broadcast. */
    public Role broadcastEmergencyRole() {
        String value = text("broadcast.emergency.role").toUpperCase(Locale.ROOT);
        for (Role role : Role.values()) {
            if (role != Role.SERVICE && role != Role.VIEWER && role.name().equals(value)) {
                return role;
            }
        }
        throw invalid("broadcast.emergency.role", "operator, editor, approver or admin");
    }

    /** True: a preempted media broadcast resumes where each speaker left it; false: at its current position. */
    public boolean broadcastResumeWhereLeft() {
        String value = text("broadcast.media.resume");
        if (value.equals("where-left") || value.equals("current")) {
            return value.equals("where-left");
        }
        throw invalid("broadcast.media.resume", "where-left or current");
    }

    /** How long a live broadcast may go without a microphone before it ends by itself. */
    public int broadcastLiveIdleSeconds() {
        return integer("broadcast.live.idle.seconds", 1, 3_600);
    }

    /** The espeak-ng program that speaks text-to-speech bulletins: a name on the PATH or a path. */
    public String ttsCommand() {
        return nonEmpty("tts.command");
    }

    /** The JDBC URL; empty means the embedded H2 file database in the data directory. */
    public Optional<String> jdbcUrl() {
        return optional("jdbc.url");
    }

    public String jdbcUser() {
        return text("jdbc.user");
    }

    public String jdbcPassword() {
        return text("jdbc.password");
    }

    public int jdbcPoolSize() {
        return integer("jdbc.pool.size", 1, 200);
    }

    /** The first admin's password; empty means generate one. */
    public Optional<String> adminPassword() {
        return optional("admin.password");
    }

    /** The provisioning key devices present; empty means generated once and kept in the data directory. */
    public Optional<String> provisioningKey() {
        return optional("provisioning.key");
    }

    public int telemetryRawDays() {
        return integer("telemetry.raw.days", 1, 3_650);
    }

    public int telemetryHourlyDays() {
        return integer("telemetry.hourly.days", 1, 36_500);
    }

    public int willDelayMaxSeconds() {
        return integer("will.delay.max.seconds", 0, 86_400);
    }

    /** How long a pending speaker is told to wait before asking again; at least the per-serial rate limit. */
    public int provisioningRetrySeconds() {
        return integer("provisioning.retry.seconds", 5, 86_400);
    }

    public int commandExpirySeconds() {
        return integer("command.expiry.seconds", 1, 3_600);
    }

    /** The time zone schedules' wall-clock times are in and reports count days in. */
    public ZoneId scheduleTimeZone() {
        try {
            return ZoneId.of(nonEmpty("schedule.time.zone"));
        } catch (DateTimeException e) {
            throw invalid("schedule.time.zone", "a time zone id such as Asia/Ho_Chi_Minh");
        }
    }

    public int sessionTtlMinutes() {
        return integer("session.ttl.minutes", 1, 525_600);
    }

    /** The absolute cap on a session, however busy: it ends this many hours after the login. */
    public int sessionMaxHours() {
        return integer("session.max.hours", 1, 8_760);
    }

    public int loginMaxFailures() {
        return integer("login.max.failures", 1, 1_000);
    }

    public int loginLockoutMinutes() {
        return integer("login.lockout.minutes", 1, 10_080);
    }

    /** Quiet hours as {@code HH:mm-HH:mm} (may wrap midnight), or empty for none. */
    public Optional<String> scheduleQuietHours() {
        Optional<String> hours = optional("schedule.quiet.hours");
        if (hours.isPresent() && !hours.get().matches(QUIET_HOURS_PATTERN)) {
            throw invalid("schedule.quiet.hours", "HH:mm-HH:mm such as 22:00-05:00, or empty for none");
        }
        return hours;
    }

    public int scheduleMisfireGraceSeconds() {
        return integer("schedule.misfire.grace.seconds", 0, 86_400);
    }

    /** The console map's tile URL template ({z}/{x}/{y}, optional {s}); empty: markers on a plain background. */
    public Optional<String> consoleMapTilesUrl() {
        return optional("console.map.tiles.url");
    }

    /** The attribution the tile provider requires, shown in the map's corner. */
    public String consoleMapAttribution() {
        return text("console.map.attribution");
    }

    /**
     * Unknown settings and environment variables that were ignored. Kept rather than logged, because the
     * configuration is read before logging is set up (the log directory is itself a setting).
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Where a setting came from (default, a file, an environment variable), for the start-up log. */
    public String sourceOf(String key) {
        return sources.get(key);
    }

    /** Every setting with its value, secrets masked: safe to log. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(values).forEach((key, value) -> out.append(key).append('=')
                .append(SECRET_KEYS.contains(key) && !value.isEmpty() ? "****" : value).append('\n'));
        return out.toString();
    }

    private void validate() {
        dataDir();
        httpHost();
        httpPort();
        metricsPublic();
        mqttHost();
        mqttPort();
        mqttTlsPort();
        rtpPort();
        rtpHost();
        rtpPublicHost();
        rtpMulticastTtl();
        streamDelayMs();
        streamLiveDelayMs();
        mediaMaxUploadMb();
        mediaMaxMinutes();
        relaySilenceSeconds();
        relayDeadSeconds();
        broadcastEmergencyRole();
        broadcastResumeWhereLeft();
        broadcastLiveIdleSeconds();
        jdbcPoolSize();
        telemetryRawDays();
        telemetryHourlyDays();
        willDelayMaxSeconds();
        mqttSessionStorage();
        commandExpirySeconds();
        provisioningRetrySeconds();
        sessionTtlMinutes();
        sessionMaxHours();
        loginMaxFailures();
        loginLockoutMinutes();
        scheduleTimeZone();
        scheduleQuietHours();
        scheduleMisfireGraceSeconds();
        if (joinTokenSeconds() < commandExpirySeconds()) {
            throw new ConfigException("join.token.seconds (" + joinTokenSeconds()
                    + ") must be at least command.expiry.seconds (" + commandExpirySeconds() + ")");
        }
        if (telemetryHourlyDays() < telemetryRawDays()) {
            throw new ConfigException("telemetry.hourly.days (" + telemetryHourlyDays()
                    + ") must be at least telemetry.raw.days (" + telemetryRawDays() + ")");
        }
    }

    private String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("no default for setting " + key);
        }
        return value;
    }

    private Optional<String> optional(String key) {
        String value = text(key);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private String nonEmpty(String key) {
        return optional(key).orElseThrow(() -> invalid(key, "a non-empty value"));
    }

    private boolean bool(String key) {
        String value = text(key).toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, "true or false");
    }

    private int integer(String key, int min, int max) {
        try {
            int value = Integer.parseInt(text(key));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw invalid(key, "a whole number from " + min + " to " + max);
    }

    private int port(String key, boolean mayDisable) {
        try {
            int value = Integer.parseInt(text(key));
            if ((value >= 0 && value <= MAX_PORT) || (mayDisable && value == DISABLED_PORT)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw invalid(key, "a port number from 0 (any free port) to " + MAX_PORT + (mayDisable ? ", or -1 to disable" : ""));
    }

    private ConfigException invalid(String key, String allowed) {
        String shown = SECRET_KEYS.contains(key) ? "****" : "'" + values.get(key) + "'";
        return new ConfigException("invalid value " + shown + " for " + key + " (from " + sources.get(key)
                + "): expected " + allowed);
    }

    private static Map<String, String> readDefaults() {
        try (InputStream in = LoaConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the jar");
            }
            return toMap(in.readAllBytes(), DEFAULTS_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    private static Optional<Path> chooseFile(Path configFile, Map<String, String> env, Map<String, String> defaults) {
        if (configFile != null) {
            return Optional.of(configFile);
        }
        String fromEnv = env.get(CONFIG_FILE_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv));
        }
        String dataDir = env.getOrDefault(envName("data.dir"), defaults.get("data.dir"));
        Path inDataDir = Path.of(dataDir).resolve(DATA_DIR_FILE_NAME);
        return Files.isRegularFile(inDataDir) ? Optional.of(inDataDir) : Optional.empty();
    }

    private static Map<String, String> readFile(Path file) {
        try {
            return toMap(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> toMap(byte[] bytes, String origin) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot parse the settings in " + origin + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(key -> map.put(key, properties.getProperty(key).trim()));
        return map;
    }
}
