package vn.loa.sim.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Where a fleet connects: one or more broker URIs ({@code tcp://} or {@code ssl://}, tried in order) and, for
 * TLS, the PEM trust anchors that the broker's certificate must chain to. Makes clients that share the fleet's
 * executor and keep their session state in memory (a device has no disk to spare for it).
 */
public final class MqttEndpoint {
    /** Seconds to wait for a CONNACK before counting the attempt as failed. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final List<String> serverUris;
    private final SSLSocketFactory tls;
    private final FleetExecutor executor;

    private MqttEndpoint(List<String> serverUris, SSLSocketFactory tls, FleetExecutor executor) {
        this.serverUris = List.copyOf(serverUris);
        this.tls = tls;
        this.executor = executor;
    }

    /** @param caFile PEM file with the certificates to trust for {@code ssl://}; null for the JVM's defaults */
    public static MqttEndpoint of(List<String> serverUris, Path caFile, FleetExecutor executor) throws IOException {
        if (serverUris.isEmpty()) {
            throw new IllegalArgumentException("at least one server URI is needed");
        }
        for (String uri : serverUris) {
            if (!uri.startsWith("tcp://") && !uri.startsWith("ssl://")) {
                throw new IllegalArgumentException("server URI must start with tcp:// or ssl://, was " + uri);
            }
        }
        return new MqttEndpoint(serverUris, caFile == null ? null : trusting(caFile), executor);
    }

    public MqttAsyncClient newClient(String clientId) throws MqttException {
        return new MqttAsyncClient(serverUris.get(0), clientId, new MemoryPersistence(), null, executor);
    }

    /** MQTT 5 options with the servers, TLS trust and timeouts set; reconnecting is the caller's job. */
    public MqttConnectionOptions baseOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(serverUris.toArray(String[]::new));
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setAutomaticReconnect(false);
        options.setSocketFactory(tls == null ? NoDelaySockets.plain() : NoDelaySockets.tls(tls));
        return options;
    }

    private static SSLSocketFactory trusting(Path caFile) throws IOException {
        if (!Files.isReadable(caFile)) {
            throw new IOException("CA file " + caFile + " does not exist or cannot be read");
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(caFile + " holds no PEM certificate");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate c : certificates) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + caFile + " as trust anchors: " + e.getMessage(), e);
        }
    }
}
