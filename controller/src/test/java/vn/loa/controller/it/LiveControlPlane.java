package vn.loa.controller.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.TestServers;
import vn.loa.sim.Fleet;
import vn.loa.sim.FleetOptions;
import vn.loa.sim.provision.CredentialsStore;
import vn.loa.sim.provision.DeviceCredentials;

/**
 * The whole control plane for end-to-end tests: a real server (embedded broker on a free port, H2 file
 * database, HTTP) with a small province loaded, and simulated speakers from the device-sim library.
 *
 * <pre>
 * Tỉnh Kiểm Thử (it)
 *   Xã An (it-a): Thôn Một (it-a-1), Thôn Hai (it-a-2)
 *   Phường Bình (it-b)
 * </pre>
 */
final class LiveControlPlane implements AutoCloseable {
    static final Duration CONNECT = Duration.ofSeconds(30);
    /** The shortest the server allows, so pending speakers ask again soon after an operator decides. */
    static final int PROVISIONING_RETRY_SECONDS = 5;

    final LoaServer server;
    final ApiClient admin;
    private final Path dir;
    private final AtomicInteger fleets = new AtomicInteger();

    private LiveControlPlane(Path dir) {
        this.dir = dir;
        this.server = TestServers.start(dir.resolve("server"), Map.of("provisioning.retry.seconds",
                Integer.toString(PROVISIONING_RETRY_SECONDS)), Clock.systemUTC());
        this.admin = TestServers.admin(server);
        Response imported = admin.post("/api/areas/import", Map.of("name", "Tỉnh Kiểm Thử", "kind", "province",
                "code", "it", "children", List.of(
                        Map.of("name", "Xã An", "kind", "commune", "code", "it-a", "children", List.of(
                                Map.of("name", "Thôn Một", "kind", "village", "code", "it-a-1"),
                                Map.of("name", "Thôn Hai", "kind", "village", "code", "it-a-2"))),
                        Map.of("name", "Phường Bình", "kind", "ward", "code", "it-b"))));
        expect(imported, 200);
    }

    static LiveControlPlane start(Path dir) {
        return new LiveControlPlane(dir);
    }

    String mqttUri() {
        return "tcp://127.0.0.1:" + server.broker().mqttPort();
    }

    int mqttPort() {
        return server.broker().mqttPort();
    }

    long areaId(String code) {
        for (JsonNode area : json(admin.get("/api/areas?limit=1000")).get("items")) {
            if (code.equals(area.path("code").asText())) {
                return area.get("id").asLong();
            }
        }
        throw new AssertionError("no area " + code);
    }

    /** Pre-registers serials as an installer's CSV import would. */
    void importSerials(String areaCode, String... serials) {
        StringBuilder csv = new StringBuilder("serial,area_code,name,model,latitude,longitude,imei,iccid\n");
        for (String serial : serials) {
            csv.append(serial).append(',').append(areaCode).append(",Loa ").append(serial).append(",LOA-S4,,,,\n");
        }
        expect(admin.send("POST", "/api/devices/import", csv.toString(), "text/csv; charset=utf-8"), 200);
    }

    /** Options for speakers with these serials, against this server, with short test timings. */
    FleetOptions.Builder fleetOptions(String... serials) {
        return FleetOptions.builder().serials(List.of(serials)).serverUri(mqttUri())
                .provisioningKey(server.provisioningKey())
                .credentialsFile(credentialsFile())
                .telemetryPeriod(Duration.ofSeconds(2))
                .provisionRetry(Duration.ofMillis(500))
                .rampRate(500)
                .willDelaySeconds(2);
    }

    Path credentialsFile() {
        return dir.resolve("credentials-" + fleets.incrementAndGet() + ".json");
    }

    /** Starts speakers with these serials and waits until every one is online. */
    Fleet onlineFleet(FleetOptions options) throws Exception {
        Fleet fleet = Fleet.create(options);
        fleet.start();
        if (!fleet.awaitConnected(options.count(), CONNECT)) {
            fleet.close();
            throw new AssertionError("speakers not online: " + fleet.stats());
        }
        return fleet;
    }

    /** Provisions speakers, disconnects them cleanly, and returns their credentials for hand-made clients. */
    CredentialsStore provision(String areaCode, String... serials) throws Exception {
        importSerials(areaCode, serials);
        FleetOptions options = fleetOptions(serials).build();
        onlineFleet(options).close();
        return CredentialsStore.open(options.credentialsFile());
    }

    static DeviceCredentials credentials(CredentialsStore store, String serial) {
        return store.get(serial).orElseThrow(() -> new AssertionError("no credentials for " + serial));
    }

    /** A Paho client of this broker, not yet connected. */
    MqttClient mqttClient(String clientId) throws MqttException {
        return new MqttClient(mqttUri(), clientId, new MemoryPersistence());
    }

    static MqttConnectionOptions login(String username, String password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        return options;
    }

    /** A hand-made MQTT 5 connection with a device's own credentials, for what a simulated speaker never does. */
    MqttClient connectAs(DeviceCredentials device) throws MqttException {
        MqttClient client = mqttClient(device.deviceId());
        client.connect(login(device.deviceId(), device.secret()));
        return client;
    }

    /** The device as the API shows it, found by serial. */
    JsonNode device(String serial) {
        JsonNode items = json(admin.get("/api/devices?q=" + serial)).get("items");
        for (JsonNode d : items) {
            if (serial.equals(d.get("serial").asText())) {
                return json(admin.get("/api/devices/" + d.get("id").asText()));
            }
        }
        throw new AssertionError("no device with serial " + serial);
    }

    boolean online(String serial) {
        return device(serial).get("online").asBoolean();
    }

    /** Sends a command and waits until no result is pending; returns the command with its results. */
    JsonNode command(String targetPath, Map<String, Object> body) {
        String id = expect(admin.post(targetPath + "/commands", body), 202).json().get("id").asText();
        for (int i = 0; i < 6; i++) {
            JsonNode status = json(admin.get("/api/commands/" + id + "?wait=10000"));
            if (status.get("done").asBoolean()) {
                return status;
            }
        }
        throw new AssertionError("command " + id + " still pending after 60 s");
    }

    /** Sum of a Prometheus metric's samples whose line contains every label part. */
    double metric(String name, String... labelParts) {
        String text = expect(admin.get("/metrics"), 200).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean match = true;
                for (String part : labelParts) {
                    match &= line.contains(part);
                }
                if (match) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    static Response expect(Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected HTTP " + status + ", got " + response);
        }
        return response;
    }

    static JsonNode json(Response response) {
        return expect(response, 200).json();
    }

    @Override
    public void close() {
        server.close();
    }
}
