package vn.loa.broker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.tls.ServerCertificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start, stop and start again in one JVM; TLS with the generated certificate; a busy port. */
class BrokerRestartTest {
    private static final String KEYSTORE_PASSWORD = "changeit-test";

    @TempDir
    Path dataDir;

    private final TestAuthenticator authenticator = new TestAuthenticator()
            .add("restart-dev", "pw", new BrokerPrincipal.Device("restart-dev"));

    private EmbeddedBroker broker(int mqttPort, int tlsPort) {
        BrokerSettings settings = new BrokerSettings("127.0.0.1", mqttPort, tlsPort, dataDir, null,
                KEYSTORE_PASSWORD, 30, SessionStorage.FILE);
        return new EmbeddedBroker(settings, authenticator, id -> Set.of(), new RecordingHandler(),
                new SimpleMeterRegistry());
    }

    @Test
    void tlsWorksWithTheGeneratedCertificateAndARestartOnTheSamePortsKeepsIt() throws Exception {
        int mqttPort;
        int tlsPort;
        byte[] certificate;
        String fingerprint;
        try (EmbeddedBroker first = broker(0, 0)) {
            first.start();
            mqttPort = first.mqttPort();
            tlsPort = first.tlsPort();
            assertThat(tlsPort).isPositive().isNotEqualTo(mqttPort);
            Path pem = first.certificatePem().orElseThrow();
            assertThat(pem).isEqualTo(dataDir.resolve("tls").resolve(ServerCertificate.CERTIFICATE_PEM));
            assertThat(dataDir.resolve("tls").resolve(ServerCertificate.GENERATED_KEYSTORE)).exists();
            certificate = Files.readAllBytes(pem);
            fingerprint = first.certificateFingerprint().orElseThrow();
            X509Certificate parsed = parse(pem);
            assertThat(ServerCertificate.fingerprint(parsed)).isEqualTo(fingerprint);
            assertThat(parsed.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                    .contains("localhost", "127.0.0.1");

            assertThat(connectsOverTls(tlsPort, pem)).isTrue();
        }
        assertThat(portIsFree(mqttPort)).isTrue();
        assertThat(portIsFree(tlsPort)).isTrue();

        try (EmbeddedBroker second = broker(mqttPort, tlsPort)) {
            second.start();
            assertThat(second.mqttPort()).isEqualTo(mqttPort);
            assertThat(second.tlsPort()).isEqualTo(tlsPort);
            assertThat(second.certificateFingerprint()).contains(fingerprint);
            assertThat(Files.readAllBytes(second.certificatePem().orElseThrow())).isEqualTo(certificate);
            try (TestClient plain = TestClient.connected("tcp://127.0.0.1:" + mqttPort, "restart-dev",
                    "restart-dev", "pw")) {
                assertThat(plain.isConnected()).isTrue();
            }
            assertThat(connectsOverTls(tlsPort, dataDir.resolve("tls").resolve(ServerCertificate.CERTIFICATE_PEM)))
                    .isTrue();
        }
    }

    @Test
    void busyPortFailsStartWithAClearMessage() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedBroker broker = broker(squatter.getLocalPort(), -1);
            assertThatThrownBy(broker::start).isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("127.0.0.1:" + squatter.getLocalPort())
                    .hasMessageContaining("not available");
            broker.close();
        }
        try (EmbeddedBroker withoutTls = broker(0, -1)) {
            withoutTls.start();
            assertThat(withoutTls.tlsPort()).isEqualTo(-1);
            assertThat(withoutTls.certificatePem()).isEqualTo(Optional.empty());
        }
    }

    private static boolean connectsOverTls(int port, Path trustAnchorPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("loa", parse(trustAnchorPem));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);

        MqttConnectionOptions options = TestClient.options("restart-dev", "pw");
        options.setSocketFactory(tls.getSocketFactory());
        options.setHttpsHostnameVerificationEnabled(true);
        try (TestClient client = new TestClient("ssl://localhost:" + port, "restart-dev")) {
            client.connect(options);
            return client.isConnected();
        }
    }

    private static X509Certificate parse(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort() == port;
        } catch (Exception e) {
            return false;
        }
    }
}
