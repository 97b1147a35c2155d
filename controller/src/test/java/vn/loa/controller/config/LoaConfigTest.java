package vn.loa.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.SessionStorage;

class LoaConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreSafeAndComplete() {
        LoaConfig config = LoaConfig.load(null, Map.of("LOA_DATA_DIR", dir.toString()));

        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.mqttPort()).isEqualTo(1883);
        assertThat(config.mqttTlsPort()).isEqualTo(8883);
        assertThat(config.rtpPort()).isEqualTo(5004);
        assertThat(config.jdbcUrl()).isEmpty();
        assertThat(config.adminPassword()).isEmpty();
        assertThat(config.provisioningKey()).isEmpty();
        assertThat(config.telemetryRawDays()).isEqualTo(7);
        assertThat(config.telemetryHourlyDays()).isEqualTo(400);
        assertThat(config.willDelayMaxSeconds()).isEqualTo(300);
        assertThat(config.commandExpirySeconds()).isEqualTo(30);
        assertThat(config.sessionTtlMinutes()).isEqualTo(720);
        assertThat(config.loginMaxFailures()).isEqualTo(5);
        assertThat(config.loginLockoutMinutes()).isEqualTo(15);
        assertThat(config.metricsPublic()).isTrue();
        assertThat(config.sourceOf("http.port")).isEqualTo("default");
    }

    @Test
    void audioPlaneDefaults() {
        LoaConfig config = LoaConfig.load(null, Map.of("LOA_DATA_DIR", dir.toString()));

        assertThat(config.rtpHost()).isEqualTo("0.0.0.0");
        assertThat(config.rtpPublicHost()).isEqualTo("127.0.0.1");
        assertThat(config.streamDelayMs()).isEqualTo(150);
        assertThat(config.streamLiveDelayMs()).isEqualTo(100);
        assertThat(config.joinTokenSeconds()).isEqualTo(60);
        assertThat(config.mediaMaxUploadMb()).isEqualTo(200);
        assertThat(config.mediaMaxMinutes()).isEqualTo(240);
        assertThat(config.relaySilenceSeconds()).isEqualTo(10);
        assertThat(config.relayDeadSeconds()).isEqualTo(5);
    }

    @Test
    void audioPlaneSettingsAreChecked() {
        LoaConfig defaults = LoaConfig.load(null, Map.of("LOA_DATA_DIR", dir.toString()));
        assertThatThrownBy(() -> defaults.with(Map.of("stream.delay.ms", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stream.delay.ms");
        assertThatThrownBy(() -> defaults.with(Map.of("join.token.seconds", "10", "command.expiry.seconds", "30")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("join.token.seconds");
        assertThatThrownBy(() -> defaults.with(Map.of("rtp.public.host", "a".repeat(254))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rtp.public.host");
        assertThatThrownBy(() -> defaults.with(Map.of("media.max.upload.mb", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("media.max.upload.mb");
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
        Path file = write("settings.properties", "http.port=9000\nmqtt.port=1999\n");

        LoaConfig config = LoaConfig.load(file, Map.of("LOA_HTTP_PORT", "9100"));

        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.sourceOf("http.port")).isEqualTo("env LOA_HTTP_PORT");
        assertThat(config.mqttPort()).isEqualTo(1999);
        assertThat(config.sourceOf("mqtt.port")).isEqualTo(file.toString());
        assertThat(config.rtpPort()).isEqualTo(5004);
    }

    @Test
    void fileNamedByEnvironmentOrFoundInDataDir() throws IOException {
        Path named = write("named.properties", "rtp.port=6000\n");
        assertThat(LoaConfig.load(null, Map.of("LOA_CONFIG", named.toString())).rtpPort()).isEqualTo(6000);

        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dataDir.resolve(LoaConfig.DATA_DIR_FILE_NAME), "rtp.port=6001\n");
        assertThat(LoaConfig.load(null, Map.of("LOA_DATA_DIR", dataDir.toString())).rtpPort()).isEqualTo(6001);
    }

    @Test
    void everyKeyMapsToItsEnvironmentVariable() {
        assertThat(LoaConfig.envName("http.port")).isEqualTo("LOA_HTTP_PORT");
        assertThat(LoaConfig.envName("mqtt.tls.keystore.password")).isEqualTo("LOA_MQTT_TLS_KEYSTORE_PASSWORD");

        LoaConfig config = LoaConfig.load(null, Map.of(
                "LOA_DATA_DIR", dir.toString(),
                "LOA_ADMIN_PASSWORD", "s3cret-admin",
                "LOA_PROVISIONING_KEY", "prov-key",
                "LOA_MQTT_TLS_PORT", "-1",
                "LOA_METRICS_PUBLIC", "false"));

        assertThat(config.adminPassword()).contains("s3cret-admin");
        assertThat(config.provisioningKey()).contains("prov-key");
        assertThat(config.mqttTlsPort()).isEqualTo(LoaConfig.DISABLED_PORT);
        assertThat(config.metricsPublic()).isFalse();
    }

    @Test
    void invalidValueNamesKeyValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port").hasMessageContaining("'eighty'")
                .hasMessageContaining("LOA_HTTP_PORT").hasMessageContaining("0 (any free port) to 65535");
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_MQTT_PORT", "70000")))
                .hasMessageContaining("mqtt.port").hasMessageContaining("'70000'");
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_HTTP_PORT", "-1")))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_METRICS_PUBLIC", "yes")))
                .hasMessageContaining("metrics.public").hasMessageContaining("true or false");
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_MQTT_SESSIONS", "disk")))
                .hasMessageContaining("mqtt.sessions").hasMessageContaining("memory or file");
        assertThat(LoaConfig.load(null, Map.of()).mqttSessionStorage()).isEqualTo(SessionStorage.MEMORY);
        assertThat(LoaConfig.load(null, Map.of("LOA_MQTT_SESSIONS", "file")).mqttSessionStorage())
                .isEqualTo(SessionStorage.FILE);
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_SESSION_TTL_MINUTES", "0")))
                .hasMessageContaining("session.ttl.minutes").hasMessageContaining("from 1 to");
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_TELEMETRY_RAW_DAYS", "30", "LOA_TELEMETRY_HOURLY_DAYS", "10")))
                .hasMessageContaining("telemetry.hourly.days");
    }

    @Test
    void missingOrUnreadableFileFailsWithItsName() throws IOException {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> LoaConfig.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString());
        Path broken = write("broken.properties", "http.port=\\u12\n");
        assertThatThrownBy(() -> LoaConfig.load(broken, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(broken.toString());
    }

    @Test
    void unknownVariablesAndKeysAreReportedNotFatal() throws IOException {
        Path file = write("typo.properties", "http.prot=9000\n");

        LoaConfig config = LoaConfig.load(file, Map.of("LOA_HTTP_PROT", "1", "LOA_CONFIG", "ignored-because-flag-given",
                "PATH", "/usr/bin"));

        assertThat(config.warnings()).containsExactly(
                "Ignoring unknown setting 'http.prot' in " + file,
                "Ignoring unknown environment variable LOA_HTTP_PROT: Loa has no such setting");
        assertThat(config.httpPort()).isEqualTo(8080);
    }

    @Test
    void secretsNeverAppearInTextOrErrors() {
        LoaConfig config = LoaConfig.load(null, Map.of("LOA_ADMIN_PASSWORD", "hunter2-admin",
                "LOA_JDBC_PASSWORD", "db-pass-xyz", "LOA_PROVISIONING_KEY", "prov-secret"));

        assertThat(config.toString()).doesNotContain("hunter2-admin", "db-pass-xyz", "prov-secret")
                .contains("admin.password=****", "http.port=8080");
    }

    @Test
    void overridesAreCheckedLikeAnyOtherValue() {
        LoaConfig config = LoaConfig.load(null, Map.of());
        assertThat(config.with(Map.of("http.port", "0")).httpPort()).isZero();
        assertThatThrownBy(() -> config.with(Map.of("http.port", "x"))).hasMessageContaining("http.port");
        assertThatThrownBy(() -> config.with(Map.of("no.such.key", "1"))).hasMessageContaining("no.such.key");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
