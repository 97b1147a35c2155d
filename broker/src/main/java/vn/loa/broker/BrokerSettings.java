package vn.loa.broker;

import java.nio.file.Path;

/**
 * How the embedded broker is started.
 *
 * @param bindAddress      address both listeners bind to ("0.0.0.0" for all)
 * @param mqttPort         plain MQTT listener; 0 picks a free port
 * @param tlsPort          MQTT over TLS listener; 0 picks a free port, -1 disables it
 * @param dataDir          the broker's own folder under Loa's data directory (config, persistence, TLS)
 * @param keystorePath     a PKCS#12 keystore with the server certificate, or null to use (and on first start
 *                         generate) a self-signed one under dataDir
 * @param keystorePassword password of the keystore (and of its key)
 * @param maxWillDelaySeconds the broker caps a device's Will delay at this
 * @param sessionStorage   whether sessions and retained messages are kept in memory or on disk
 */
public record BrokerSettings(String bindAddress, int mqttPort, int tlsPort, Path dataDir, Path keystorePath,
                             String keystorePassword, long maxWillDelaySeconds, SessionStorage sessionStorage) {
}
