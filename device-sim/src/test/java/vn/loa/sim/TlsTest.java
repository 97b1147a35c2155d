package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssl:// with a PEM trust anchor, against a Mosquitto TLS listener with a certificate made for the test. */
class TlsTest {
    @TempDir
    Path dir;

    private void makeCertificate(Path cert, Path key) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor()).as("openssl exit code (is openssl installed?)").isZero();
    }

    @Test
    void speakersConnectOverTlsTrustingTheGivenCertificate() throws Exception {
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        makeCertificate(cert, key);
        int tlsPort;
        try (ServerSocket s = new ServerSocket(0)) {
            tlsPort = s.getLocalPort();
        }
        try (Mosquitto broker = Mosquitto.start(dir, List.of("allow_anonymous true",
                "listener " + tlsPort + " 127.0.0.1", "certfile " + cert, "keyfile " + key));
             TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             Fleet fleet = Fleet.create(FleetOptions.builder().count(2).serials("TLS-", 1)
                     .serverUri("ssl://127.0.0.1:" + tlsPort).caFile(cert).provisioningKey("k").build())) {
            fleet.start();
            assertThat(fleet.awaitConnected(2, Duration.ofSeconds(15))).isTrue();
            server.await("birth over TLS", r -> r.topic().equals("loa/v1/dev/dev-tls-000002/state"));
        }
    }

    @Test
    void unreadableOrEmptyCaFileIsAClearError() throws Exception {
        FleetOptions missing = FleetOptions.builder().serverUri("ssl://127.0.0.1:1").caFile(dir.resolve("none.pem"))
                .provisioningKey("k").build();
        assertThatThrownBy(() -> Fleet.create(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist or cannot be read");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        FleetOptions noCert = FleetOptions.builder().serverUri("ssl://127.0.0.1:1").caFile(empty)
                .provisioningKey("k").build();
        assertThatThrownBy(() -> Fleet.create(noCert)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds no PEM certificate");
    }
}
