package vn.loa.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import vn.loa.protocol.Ids;
import vn.loa.protocol.Timing;
import vn.loa.sim.audio.AudioSettings;

/** Everything a fleet needs to know before it starts; build with {@link #builder()}. */
public final class FleetOptions {
    /** Most speakers one JVM is allowed to simulate (each connected one costs three threads). */
    public static final int MAX_SPEAKERS = 50_000;
    /** Fastest connection ramp accepted, in new connections per second. */
    public static final double MAX_RAMP_RATE = 10_000;
    /** Shortest telemetry period accepted: faster would be a load test, not a speaker. */
    public static final Duration MIN_TELEMETRY_PERIOD = Duration.ofSeconds(1);
    /** A provisioning request without a reply after this long is asked again (with back-off). */
    public static final Duration DEFAULT_PROVISION_REPLY_TIMEOUT = Duration.ofSeconds(10);
    /** Width of the zero-padded number in generated serials: SIM-000001. */
    public static final int SERIAL_DIGITS = 6;

    private final List<String> serials;
    private final List<String> serverUris;
    private final Path caFile;
    private final String provisioningKey;
    private final List<String> areaHints;
    private final Duration telemetryPeriod;
    private final Path credentialsFile;
    private final double rampRate;
    private final int willDelaySeconds;
    private final Duration provisionRetry;
    private final Duration provisionReplyTimeout;
    private final Faults faults;
    private final String model;
    private final String firmware;
    private final long seed;
    private final String bareTopic;
    private final AudioSettings audio;

    private FleetOptions(Builder b) {
        this.serials = b.serials != null ? List.copyOf(b.serials) : generatedSerials(b);
        this.serverUris = List.copyOf(b.serverUris);
        this.caFile = b.caFile;
        this.provisioningKey = b.provisioningKey;
        this.areaHints = List.copyOf(b.areaHints);
        this.telemetryPeriod = b.telemetryPeriod;
        this.credentialsFile = b.credentialsFile;
        this.rampRate = b.rampRate;
        this.willDelaySeconds = b.willDelaySeconds;
        this.provisionRetry = b.provisionRetry;
        this.provisionReplyTimeout = b.provisionReplyTimeout;
        this.faults = b.faults;
        this.model = b.model;
        this.firmware = b.firmware;
        this.seed = b.seed;
        this.bareTopic = b.bareTopic;
        this.audio = new AudioSettings(b.decodeShare, b.wavDirectory);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> serials() {
        return serials;
    }

    public int count() {
        return serials.size();
    }

    public List<String> serverUris() {
        return serverUris;
    }

    /** PEM trust anchors for {@code ssl://}; null trusts the JVM's default authorities. */
    public Path caFile() {
        return caFile;
    }

    /** Null when every speaker already has credentials; one without them then stops as rejected. */
    public String provisioningKey() {
        return provisioningKey;
    }

    /** The installer's area hint for the speaker at {@code index}: the area codes in turn; null if none given. */
    public String areaHint(int index) {
        return areaHints.isEmpty() ? null : areaHints.get(index % areaHints.size());
    }

    public List<String> areaHints() {
        return areaHints;
    }

    public Duration telemetryPeriod() {
        return telemetryPeriod;
    }

    /** Null keeps credentials in memory only. */
    public Path credentialsFile() {
        return credentialsFile;
    }

    public double rampRate() {
        return rampRate;
    }

    public int willDelaySeconds() {
        return willDelaySeconds;
    }

    /** How long a pending speaker waits before asking again when the server's reply names no time. */
    public Duration provisionRetry() {
        return provisionRetry;
    }

    public Duration provisionReplyTimeout() {
        return provisionReplyTimeout;
    }

    public Faults faults() {
        return faults;
    }

    public String model() {
        return model;
    }

    public String firmware() {
        return firmware;
    }

    public long seed() {
        return seed;
    }

    /** The topic of bare mode (no provisioning, no auth, client id = serial), or null for the full contract. */
    public String bareTopic() {
        return bareTopic;
    }

    public boolean bare() {
        return bareTopic != null;
    }

    /** How the speakers play the streams they are told to: decode share, jitter target, WAV recording. */
    public AudioSettings audio() {
        return audio;
    }

    private static List<String> generatedSerials(Builder b) {
        List<String> out = new ArrayList<>(b.count);
        for (int i = 0; i < b.count; i++) {
            out.add(b.serialPrefix + String.format("%0" + SERIAL_DIGITS + "d", b.firstSerial + i));
        }
        return out;
    }

    public static final class Builder {
        private int count = 1;
        private List<String> serials;
        private String serialPrefix = "SIM-";
        private long firstSerial = 1;
        private List<String> serverUris = List.of("tcp://127.0.0.1:1883");
        private Path caFile;
        private String provisioningKey;
        private List<String> areaHints = List.of();
        private Duration telemetryPeriod = Duration.ofSeconds(Timing.DEFAULT_TELEMETRY_PERIOD_SECONDS);
        private Path credentialsFile;
        private double rampRate = 200;
        private int willDelaySeconds = Timing.DEFAULT_WILL_DELAY_SECONDS;
        private Duration provisionRetry = Duration.ofSeconds(Timing.PROVISION_RETRY_SECONDS);
        private Duration provisionReplyTimeout = DEFAULT_PROVISION_REPLY_TIMEOUT;
        private Faults faults = Faults.NONE;
        private String model = "LOA-SIM";
        private String firmware = "sim-1.0";
        private long seed = 1;
        private String bareTopic;
        private double decodeShare = AudioSettings.DEFAULT.decodeShare();
        private Path wavDirectory;

        private Builder() {
        }

        public Builder count(int count) {
            if (count < 1 || count > MAX_SPEAKERS) {
                throw new IllegalArgumentException("count must be within 1.." + MAX_SPEAKERS + ", was " + count);
            }
            this.count = count;
            return this;
        }

        /** Serials {@code prefix + first}, {@code prefix + (first + 1)}, ... zero-padded to six digits. */
        public Builder serials(String prefix, long first) {
            if (first < 0) {
                throw new IllegalArgumentException("first serial must not be negative");
            }
            this.serialPrefix = Objects.requireNonNull(prefix);
            this.firstSerial = first;
            this.serials = null;
            return this;
        }

        /** Explicit serials; the count follows them. */
        public Builder serials(List<String> serials) {
            count(serials.size());
            if (serials.stream().distinct().count() != serials.size()) {
                throw new IllegalArgumentException("serials must be distinct");
            }
            this.serials = List.copyOf(serials);
            return this;
        }

        public Builder serverUris(List<String> uris) {
            if (uris.isEmpty()) {
                throw new IllegalArgumentException("at least one server URI is needed");
            }
            this.serverUris = List.copyOf(uris);
            return this;
        }

        public Builder serverUri(String uri) {
            return serverUris(List.of(uri));
        }

        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        public Builder provisioningKey(String key) {
            this.provisioningKey = key;
            return this;
        }

        public Builder areaHints(List<String> codes) {
            this.areaHints = List.copyOf(codes);
            return this;
        }

        public Builder telemetryPeriod(Duration period) {
            if (period.compareTo(MIN_TELEMETRY_PERIOD) < 0) {
                throw new IllegalArgumentException("telemetry period must be at least " + MIN_TELEMETRY_PERIOD
                        .toSeconds() + " s, was " + period);
            }
            this.telemetryPeriod = period;
            return this;
        }

        public Builder credentialsFile(Path file) {
            this.credentialsFile = file;
            return this;
        }

        public Builder rampRate(double connectionsPerSecond) {
            if (!(connectionsPerSecond > 0 && connectionsPerSecond <= MAX_RAMP_RATE)) {
                throw new IllegalArgumentException("ramp rate must be within (0, " + (int) MAX_RAMP_RATE
                        + "] connections/s, was " + connectionsPerSecond);
            }
            this.rampRate = connectionsPerSecond;
            return this;
        }

        public Builder willDelaySeconds(int seconds) {
            if (seconds < 0 || seconds > Timing.MAX_WILL_DELAY_SECONDS) {
                throw new IllegalArgumentException("will delay must be within 0.." + Timing.MAX_WILL_DELAY_SECONDS
                        + " s, was " + seconds);
            }
            this.willDelaySeconds = seconds;
            return this;
        }

        public Builder provisionRetry(Duration retry) {
            this.provisionRetry = requirePositive("provision retry", retry);
            return this;
        }

        public Builder provisionReplyTimeout(Duration timeout) {
            this.provisionReplyTimeout = requirePositive("provision reply timeout", timeout);
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        public Builder model(String model) {
            this.model = Objects.requireNonNull(model);
            return this;
        }

        public Builder firmware(String firmware) {
            this.firmware = Objects.requireNonNull(firmware);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder bareTopic(String topic) {
            this.bareTopic = topic;
            return this;
        }

        /** Share (0..1) of speakers that decode what they play with Concentus; the rest only count. Default 1. */
        public Builder decodeShare(double share) {
            this.decodeShare = new AudioSettings(share, wavDirectory).decodeShare();
            return this;
        }

        /** Where decoding speakers write {@code <deviceId>-<streamId>.wav} of what they played; null for none. */
        public Builder wavDirectory(Path directory) {
            this.wavDirectory = directory;
            return this;
        }

        public FleetOptions build() {
            FleetOptions options = new FleetOptions(this);
            for (String serial : options.serials) {
                if (!Ids.isSerial(serial)) {
                    throw new IllegalArgumentException("not a valid serial: " + serial);
                }
                if (options.bare() && !Ids.isDeviceId(serial.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("bare mode needs serials that are valid device ids in"
                            + " lower case: " + serial);
                }
            }
            return options;
        }

        private static Duration requirePositive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
