package vn.loa.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.acl.TopicAcl;
import vn.loa.broker.auth.AuthenticationPool;
import vn.loa.broker.config.HiveMqConfig;
import vn.loa.broker.config.ListenerPorts;
import vn.loa.broker.inbound.InboundDispatcher;
import vn.loa.broker.metrics.BrokerMetrics;
import vn.loa.broker.tls.ServerCertificate;
import vn.loa.broker.tls.TlsKeystore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ CE embedded in the server, with Loa's extension. One instance starts once and closes once; another
 * instance may be started afterwards in the same JVM, on the same ports or new ones. Two running at the same time
 * in one JVM are untested: HiveMQ's extension {@code Services} are static.
 *
 * <p>Under {@link BrokerSettings#dataDir()}: {@code conf/} (the generated config.xml), {@code data/} (HiveMQ's
 * persistence), {@code extensions/} (empty: Loa's extension is embedded) and {@code tls/} (the certificate).
 */
public final class EmbeddedBroker implements DevicePublisher, AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final BrokerSettings settings;
    private final ClientAuthenticator authenticator;
    private final GroupMembership groups;
    private final InboundHandler inboundHandler;
    private final BrokerLimits limits;
    private final BrokerMetrics metrics;

    private volatile State state = State.NEW;
    private ListenerPorts ports;
    private TlsKeystore keystore;
    private EmbeddedHiveMQ hivemq;
    private AuthenticationPool authenticationPool;
    private InboundDispatcher dispatcher;
    private volatile DevicePublisher publisher;

    public EmbeddedBroker(BrokerSettings settings, ClientAuthenticator authenticator, GroupMembership groups,
                          InboundHandler inboundHandler, MeterRegistry registry) {
        this(settings, authenticator, groups, inboundHandler, registry, BrokerLimits.DEFAULTS);
    }

    public EmbeddedBroker(BrokerSettings settings, ClientAuthenticator authenticator, GroupMembership groups,
                          InboundHandler inboundHandler, MeterRegistry registry, BrokerLimits limits) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.dataDir(), "BrokerSettings.dataDir");
        Objects.requireNonNull(settings.bindAddress(), "BrokerSettings.bindAddress");
        this.authenticator = authenticator;
        this.groups = groups;
        this.inboundHandler = inboundHandler;
        this.limits = limits;
        this.metrics = new BrokerMetrics(registry);
    }

    /**
     * Starts the broker; returns once every listener accepts connections.
     *
     * @throws BrokerStartException when a port is busy, the keystore is unusable or HiveMQ fails to start
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("An EmbeddedBroker starts only once; create a new one");
        }
        state = State.STARTING;
        try {
            ports = ListenerPorts.resolve(settings.bindAddress(), settings.mqttPort(), settings.tlsPort());
            Path dataDir = settings.dataDir();
            keystore = ports.tlsEnabled() ? ServerCertificate.prepare(settings.keystorePath(),
                    settings.keystorePassword(), dataDir.resolve("tls")) : null;
            HiveMqConfig.write(dataDir.resolve("conf"), settings.bindAddress(), ports, keystore,
                    settings.sessionStorage());
            authenticationPool = new AuthenticationPool(limits.authThreads(), limits.authQueueCapacity());
            dispatcher = new InboundDispatcher(limits.inboundStripes(), limits.inboundQueueCapacity(),
                    inboundHandler, metrics);
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(dataDir.resolve("conf"))
                    .withDataFolder(Files.createDirectories(dataDir.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(dataDir.resolve("extensions")))
                    .withEmbeddedExtension(extension())
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ports.requireAccepting(settings.bindAddress());
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            state = State.CLOSED;
            stopQuietly();
            throw e instanceof BrokerStartException startFailure ? startFailure
                    : new BrokerStartException("The MQTT broker did not start: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = State.CLOSED;
            stopQuietly();
            throw new BrokerStartException("Interrupted while starting the MQTT broker", e);
        }
        state = State.RUNNING;
        log.info("MQTT broker listening on {}:{}{}", settings.bindAddress(), ports.mqttPort(),
                ports.tlsEnabled() ? ", TLS on port " + ports.tlsPort() : ", TLS disabled");
    }

    private EmbeddedExtension extension() {
        LoaExtension main = new LoaExtension(authenticator, authenticationPool, limits,
                settings.maxWillDelaySeconds(), new TopicAcl(groups), dispatcher, metrics,
                started -> publisher = started);
        return EmbeddedExtension.builder()
                .withId("loa")
                .withName("Loa device access")
                .withVersion("1")
                .withAuthor("Loa")
                .withExtensionMain(main)
                .build();
    }

    /** The plain MQTT port actually bound. */
    public int mqttPort() {
        return running().ports.mqttPort();
    }

    /** The MQTT-over-TLS port actually bound, -1 when disabled. */
    public int tlsPort() {
        return running().ports.tlsPort();
    }

    /** The TLS certificate as PEM, the trust anchor to give devices; empty when TLS is disabled. */
    public Optional<Path> certificatePem() {
        return Optional.ofNullable(running().keystore).map(TlsKeystore::certificatePem);
    }

    /** SHA-256 fingerprint of the TLS certificate, for pinning; empty when TLS is disabled. */
    public Optional<String> certificateFingerprint() {
        return Optional.ofNullable(running().keystore).map(TlsKeystore::sha256Fingerprint);
    }

    @Override
    public CompletableFuture<Void> publish(OutboundMessage message) {
        return publisher().map(p -> p.publish(message)).orElseGet(EmbeddedBroker::notRunning);
    }

    @Override
    public CompletableFuture<Void> disconnect(String clientId) {
        return publisher().map(p -> p.disconnect(clientId)).orElseGet(EmbeddedBroker::notRunning);
    }

    @Override
    public CompletableFuture<Void> removeSubscription(String clientId, String topicFilter) {
        return publisher().map(p -> p.removeSubscription(clientId, topicFilter))
                .orElseGet(EmbeddedBroker::notRunning);
    }

    /** Stops the broker and frees its ports; events already queued are still delivered (for a few seconds). */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasRunning = state == State.RUNNING;
        state = State.CLOSED;
        stopQuietly();
        if (wasRunning) {
            log.info("MQTT broker stopped");
        }
    }

    private void stopQuietly() {
        publisher = null;
        if (hivemq != null) {
            try {
                hivemq.stop().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                hivemq.close();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("The MQTT broker did not stop cleanly: {}", describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (dispatcher != null) {
                dispatcher.close();
            }
            if (authenticationPool != null) {
                authenticationPool.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized EmbeddedBroker running() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("The MQTT broker is not running (" + state + ")");
        }
        return this;
    }

    private Optional<DevicePublisher> publisher() {
        return Optional.ofNullable(publisher).filter(p -> state == State.RUNNING);
    }

    private static <T> CompletableFuture<T> notRunning() {
        return CompletableFuture.failedFuture(new IllegalStateException("The MQTT broker is not running"));
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private enum State { NEW, STARTING, RUNNING, CLOSED }
}
