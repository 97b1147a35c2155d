package vn.loa.broker.tls;

import java.nio.file.Path;

/**
 * The keystore the TLS listener serves, with what installers need to trust it.
 *
 * @param certificatePem     the server certificate as PEM, for devices and {@code mosquitto_sub --cafile}
 * @param sha256Fingerprint  SHA-256 of the certificate, colon-separated hex, for pinning
 */
public record TlsKeystore(Path path, String password, Path certificatePem, String sha256Fingerprint) {
}
