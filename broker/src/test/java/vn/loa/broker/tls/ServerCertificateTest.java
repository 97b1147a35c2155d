package vn.loa.broker.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.BrokerStartException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerCertificateTest {
    @TempDir
    Path dir;

    @Test
    void generatedCertificateIsTenYearsEcAndReusedOnTheNextStart() throws Exception {
        TlsKeystore first = ServerCertificate.prepare(null, "secret", dir.resolve("tls"));
        X509Certificate certificate = ServerCertificate.load(first.path(), "secret");

        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()))
                .isGreaterThan(ServerCertificate.VALIDITY.minusDays(1));
        assertThat(Files.readString(first.certificatePem())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(first.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");

        TlsKeystore second = ServerCertificate.prepare(null, "secret", dir.resolve("tls"));
        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint());
    }

    @Test
    void configuredKeystoreIsUsedAndItsCertificateExported() throws Exception {
        TlsKeystore made = ServerCertificate.prepare(null, "secret", dir.resolve("elsewhere"));
        TlsKeystore configured = ServerCertificate.prepare(made.path(), "secret", dir.resolve("tls"));

        assertThat(configured.path()).isEqualTo(made.path());
        assertThat(configured.sha256Fingerprint()).isEqualTo(made.sha256Fingerprint());
        assertThat(configured.certificatePem()).isEqualTo(dir.resolve("tls").resolve(ServerCertificate.CERTIFICATE_PEM));
        assertThat(Files.readString(configured.certificatePem())).isEqualTo(Files.readString(made.certificatePem()));
        assertThat(dir.resolve("tls").resolve(ServerCertificate.GENERATED_KEYSTORE)).doesNotExist();
    }

    @Test
    void wrongPasswordOrMissingKeystoreFailsClearly() {
        TlsKeystore made = ServerCertificate.prepare(null, "secret", dir.resolve("tls"));
        assertThatThrownBy(() -> ServerCertificate.prepare(made.path(), "wrong", dir.resolve("tls")))
                .isInstanceOf(BrokerStartException.class).hasMessageContaining("TLS keystore");
        assertThatThrownBy(() -> ServerCertificate.prepare(dir.resolve("missing.p12"), "secret", dir.resolve("tls")))
                .isInstanceOf(BrokerStartException.class).hasMessageContaining("missing.p12");
        assertThatThrownBy(() -> ServerCertificate.prepare(null, "", dir.resolve("tls")))
                .isInstanceOf(BrokerStartException.class).hasMessageContaining("password");
    }
}
