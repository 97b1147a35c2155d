package vn.loa.broker.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.BrokerStartException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * The TLS listener's certificate: the configured PKCS#12 keystore, or a self-signed one generated on first start
 * under the broker's data folder and reused afterwards. Either way the certificate is exported as PEM and its
 * SHA-256 fingerprint logged, so installers can give devices a trust anchor or a pin.
 */
public final class ServerCertificate {
    public static final String GENERATED_KEYSTORE = "server.p12";
    public static final String CERTIFICATE_PEM = "server.crt";
    public static final Duration VALIDITY = Duration.ofDays(3650);
    static final String KEY_ALIAS = "loa-broker";
    private static final String SUBJECT = "CN=Loa MQTT broker";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private static final Logger log = LoggerFactory.getLogger(ServerCertificate.class);

    private ServerCertificate() {
    }

    /**
     * @param configured a keystore from the configuration, or null to use (and if needed generate) one in tlsDir
     * @param tlsDir     where the generated keystore and the exported PEM live
     */
    public static TlsKeystore prepare(Path configured, String password, Path tlsDir) {
        if (password == null || password.isEmpty()) {
            throw new BrokerStartException("The TLS listener needs a keystore password");
        }
        try {
            Files.createDirectories(tlsDir);
            Path keystore = configured != null ? configured : tlsDir.resolve(GENERATED_KEYSTORE);
            if (configured == null && !Files.exists(keystore)) {
                generate(keystore, password);
            }
            X509Certificate certificate = load(keystore, password);
            Path pem = tlsDir.resolve(CERTIFICATE_PEM);
            writePem(certificate, pem);
            String fingerprint = fingerprint(certificate);
            log.info("MQTT TLS certificate {} (from {}), SHA-256 fingerprint {}; trust anchor for devices: {}",
                    certificate.getSubjectX500Principal().getName(), keystore, fingerprint, pem);
            return new TlsKeystore(keystore, password, pem, fingerprint);
        } catch (IOException | GeneralSecurityException e) {
            throw new BrokerStartException("Cannot prepare the TLS keystore: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the certificate's DER encoding as colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    static X509Certificate load(Path keystorePath, String password) throws IOException, GeneralSecurityException {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystorePath)) {
            keystore.load(in, password.toCharArray());
        }
        for (String alias : Collections.list(keystore.aliases())) {
            if (keystore.isKeyEntry(alias) && keystore.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        throw new GeneralSecurityException("no private key with a certificate in " + keystorePath);
    }

    private static void generate(Path keystorePath, String password) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(keys);
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setKeyEntry(KEY_ALIAS, keys.getPrivate(), password.toCharArray(), new Certificate[]{certificate});
        Path partial = keystorePath.resolveSibling(keystorePath.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(partial)) {
            keystore.store(out, password.toCharArray());
        }
        Files.move(partial, keystorePath);
        log.info("Generated a self-signed MQTT TLS certificate, valid {} days, in {}", VALIDITY.toDays(), keystorePath);
    }

    private static X509Certificate selfSigned(KeyPair keys) throws GeneralSecurityException, CertIOException {
        Instant now = Instant.now();
        X500Name subject = new X500Name(SUBJECT);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)), subject, keys.getPublic())
                // Like `openssl req -x509`: the certificate is its own trust anchor (mosquitto --cafile, Java).
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(subjectAlternativeNames().toArray(GeneralName[]::new)));
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }
    }

    /** localhost, 127.0.0.1 and this machine's host name, when it has one. */
    private static List<GeneralName> subjectAlternativeNames() {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!host.isBlank() && !host.equals("localhost")) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
        } catch (UnknownHostException e) {
            log.debug("No host name for the certificate: {}", e.getMessage());
        }
        return names;
    }

    private static void writePem(X509Certificate certificate, Path pem) throws IOException {
        Path partial = pem.resolveSibling(pem.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.US_ASCII);
             JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        Files.move(partial, pem, StandardCopyOption.REPLACE_EXISTING);
    }
}
