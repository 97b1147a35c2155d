package vn.loa.sim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.protocol.Timing;
import vn.loa.sim.Faults;
import vn.loa.sim.Fleet;
import vn.loa.sim.FleetOptions;
import vn.loa.sim.FleetStats;
import vn.loa.sim.audio.AudioPlane;
import vn.loa.sim.audio.PlaybackRecord;
import vn.loa.sim.audio.PlaybackSummary;

/**
 * {@code loa-device-sim}: runs N simulated speakers against a Loa server (or, with {@code --bare}, a plain MQTT
 * broker) until the duration ends or Ctrl-C, with a live line on stderr and a JSON summary on stdout.
 */
@Command(name = "loa-device-sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulated Loa speakers: provisioning, presence, telemetry, commands, faults, RTP playback.")
public final class SimulatorCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_BAD_OPTIONS = 2;
    static final int EXIT_CANNOT_START = 3;
    static final int EXIT_THREAD_LIMIT = 4;
    /** During the ramp the live line comes at least this often, so progress is visible. */
    static final Duration RAMP_PROGRESS_INTERVAL = Duration.ofSeconds(1);
    static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
    static final String LOGBACK_CONFIG = "loa-device-sim-logback.xml";
    /** How long Ctrl-C waits for the fleet to disconnect and the summary to print. */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);

    @Option(names = "--count", description = "Number of speakers (1..50000).", defaultValue = "1")
    int count;

    @Option(names = "--server", split = ",", defaultValue = "tcp://127.0.0.1:1883",
            description = "Broker URI(s), tcp:// or ssl://, comma-separated for failover. Default: ${DEFAULT-VALUE}")
    List<String> servers;

    @Option(names = "--ca-file", description = "PEM file of certificates to trust for ssl://.")
    Path caFile;

    @Option(names = "--provisioning-key", defaultValue = "${env:LOA_PROVISIONING_KEY}",
            description = "Provisioning key (default: $LOA_PROVISIONING_KEY).")
    String provisioningKey;

    @Option(names = "--serial-prefix", defaultValue = "SIM-", description = "Serial prefix. Default: ${DEFAULT-VALUE}")
    String serialPrefix;

    @Option(names = "--first-serial", defaultValue = "1",
            description = "Number of the first serial. Default: ${DEFAULT-VALUE}")
    long firstSerial;

    @Option(names = "--areas", split = ",", description = "Area codes given as installer hints, in turn.")
    List<String> areas = List.of();

    @Option(names = "--telemetry-period", defaultValue = "30s", converter = DurationConverter.class,
            description = "Telemetry period. Default: ${DEFAULT-VALUE}")
    Duration telemetryPeriod;

    @Option(names = "--credentials-file", defaultValue = "sim-credentials.json",
            description = "Where issued credentials are kept and reused. Default: ${DEFAULT-VALUE}")
    Path credentialsFile;

    @Option(names = "--ramp-rate", defaultValue = "200",
            description = "New connections per second. Default: ${DEFAULT-VALUE}")
    double rampRate;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "How long to run (e.g. 10m). Default: until interrupted.")
    Duration duration;

    @Option(names = "--will-delay", defaultValue = "" + Timing.DEFAULT_WILL_DELAY_SECONDS,
            description = "Will delay in seconds. Default: ${DEFAULT-VALUE}")
    int willDelaySeconds;

    @Option(names = "--summary-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often the live line is printed. Default: ${DEFAULT-VALUE}")
    Duration summaryInterval;

    @Option(names = "--model", defaultValue = "LOA-SIM", description = "Model reported. Default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--firmware", defaultValue = "sim-1.0",
            description = "Firmware reported. Default: ${DEFAULT-VALUE}")
    String firmware;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of all randomness. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--disconnects-per-hour", defaultValue = "0",
            description = "Fault: mean abrupt link losses per speaker-hour.")
    double disconnectsPerHour;

    @Option(names = "--reboots-per-hour", defaultValue = "0", description = "Fault: mean reboots per speaker-hour.")
    double rebootsPerHour;

    @Option(names = "--slow-ack-share", defaultValue = "0", description = "Fault: share of speakers that answer late.")
    double slowAckShare;

    @Option(names = "--slow-ack-delay", defaultValue = "2s", converter = DurationConverter.class,
            description = "Fault: how late the slow speakers answer. Default: ${DEFAULT-VALUE}")
    Duration slowAckDelay;

    @Option(names = "--never-ack-share", defaultValue = "0",
            description = "Fault: share of speakers that never answer a command.")
    double neverAckShare;

    @Option(names = "--bare", paramLabel = "TOPIC",
            description = "Benchmark floor on a plain broker: no provisioning or auth, client id = serial,"
                    + " subscribe to TOPIC and answer every command on loa/v1/dev/{serial}/res.")
    String bareTopic;

    @Option(names = "--decode-share", defaultValue = "1",
            description = "Share (0..1) of speakers that decode the audio they play with Concentus; the others only"
                    + " count packets and timing. Default: ${DEFAULT-VALUE}")
    double decodeShare;

    @Option(names = "--wav-dir", description = "Write <deviceId>-<streamId>.wav of what each decoding speaker played.")
    Path wavDirectory;

    @Option(names = "--history",
            description = "Add every speaker's playback history (stream, start, end, seconds played, loss, how it"
                    + " ended; the last " + AudioPlane.HISTORY_PER_SPEAKER + " each) to the JSON summary.")
    boolean history;

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public SimulatorCommand() {
        this(System.out, System.err);
    }

    SimulatorCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // named apart from logback.xml so that, as a library, the simulator never configures its host's logging
        if (System.getProperty(LOGBACK_CONFIG_PROPERTY) == null) {
            System.setProperty(LOGBACK_CONFIG_PROPERTY, LOGBACK_CONFIG);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        SimulatorCommand command = new SimulatorCommand();
        Thread hook = new Thread(command::stopAndWait, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = command.commandLine().execute(args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // Ctrl-C: the hook is finishing the run; the JVM exits when it is done
        }
        System.exit(code);
    }

    /** The picocli front end, writing usage and parse errors where this command writes its own. */
    CommandLine commandLine() {
        return new CommandLine(this)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    }

    FleetOptions fleetOptions() {
        Faults faults = new Faults(disconnectsPerHour, rebootsPerHour, slowAckShare, slowAckDelay, neverAckShare);
        return FleetOptions.builder()
                .count(count)
                .serials(serialPrefix, firstSerial)
                .serverUris(servers)
                .caFile(caFile)
                .provisioningKey(provisioningKey)
                .areaHints(areas)
                .telemetryPeriod(telemetryPeriod)
                .credentialsFile(bareTopic == null ? credentialsFile : null)
                .rampRate(rampRate)
                .willDelaySeconds(willDelaySeconds)
                .faults(faults)
                .model(model)
                .firmware(firmware)
                .seed(seed)
                .bareTopic(bareTopic)
                .decodeShare(decodeShare)
                .wavDirectory(wavDirectory)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            FleetOptions options;
            try {
                options = fleetOptions();
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return EXIT_BAD_OPTIONS;
            }
            ThreadBudget.shortfall(options.count()).ifPresent(w -> err.println("warning: " + w));
            Fleet fleet;
            try {
                fleet = Fleet.create(options);
            } catch (IOException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return EXIT_CANNOT_START;
            }
            return run(fleet);
        } finally {
            finished.countDown();
        }
    }

    private int run(Fleet fleet) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
        try {
            fleet.start();
            return superviseUntil(fleet, deadline, new LiveSummary());
        } finally {
            FleetStats last = fleet.stats(); // before close, which stops every speaker
            PlaybackSummary playback = fleet.playbackSummary();
            fleet.close();
            // after close, so that every playback has its end
            Map<String, List<PlaybackRecord>> playbacks = history ? fleet.history() : null;
            out.println(FinalSummary.toJson(last, playback, playbacks, (System.nanoTime() - started) / 1_000_000));
            out.flush();
        }
    }

    /** Prints the live line until the deadline or Ctrl-C; stops early if the machine runs out of threads. */
    private int superviseUntil(Fleet fleet, long deadline, LiveSummary live) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            boolean ramping = fleet.startedCount() < fleet.speakers().size();
            Duration wait = ramping && RAMP_PROGRESS_INTERVAL.compareTo(summaryInterval) < 0
                    ? RAMP_PROGRESS_INTERVAL : summaryInterval;
            long waitNanos = Math.min(wait.toNanos(), Math.max(0, deadline - System.nanoTime()));
            if (stopRequested.await(waitNanos, TimeUnit.NANOSECONDS)) {
                break;
            }
            err.println(live.line(fleet));
            if (fleet.stats().threadLimitReached()) {
                err.println("error: the operating system refused to create more threads ("
                        + ThreadBudget.needed(fleet.speakers().size()) + " needed for " + fleet.speakers().size()
                        + " speakers); raise kernel.pid_max / kernel.threads-max / ulimit -u or run fewer speakers");
                return EXIT_THREAD_LIMIT;
            }
        }
        return EXIT_OK;
    }

    /** Ctrl-C: end the run (speakers disconnect cleanly, so no Will) and let the summary print. */
    void stopAndWait() {
        stopRequested.countDown();
        try {
            finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
