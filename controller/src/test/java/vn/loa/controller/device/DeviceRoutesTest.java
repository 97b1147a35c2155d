package vn.loa.controller.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.auth.PasswordHasher;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.testing.RouteServer.Response;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Ids;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;
import vn.loa.protocol.message.Telemetry;

class DeviceRoutesTest {
    private static final String ADMIN = "admin";
    @TempDir
    Path dir;
    private DeviceTestKit kit;
    private long province;
    private long communeA;
    private long villageA;
    private long communeB;

    @BeforeEach
    void setUp() {
        kit = new DeviceTestKit(dir).withHttp();
        province = kit.area(null, "P01", "Tỉnh Lào Cai");
        communeA = kit.area(province, "C01", "Xã Bản Xèo");
        villageA = kit.area(communeA, "V01", "Thôn Sín Chải");
        communeB = kit.area(province, "C02", "Xã Mường Hum");
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void createsADeviceWithAServerIssuedIdAndReadsItBack() {
        Response created = kit.post("operator", "/api/devices", """
                {"serial":"LOA-0001","areaCode":"C01","name":"Loa chợ Bản Xèo","latitude":22.48,"longitude":103.97,
                 "imei":"356938035643809","model":"LX-30"}""");

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(id).startsWith("sp-").hasSize(13);
        assertThat(Ids.isDeviceId(id)).isTrue();
        assertThat(created.body().get("status").asText()).isEqualTo("registered");
        assertThat(created.body().get("areaId").asLong()).isEqualTo(communeA);

        JsonNode read = kit.get("viewer", "/api/devices/" + id).body();
        assertThat(read.get("name").asText()).isEqualTo("Loa chợ Bản Xèo");
        assertThat(read.get("online").asBoolean()).isFalse();
        assertThat(read.get("desired").get("version").asLong()).isZero();
        assertThat(read.get("groups")).isEmpty();
        assertThat(kit.auditCount("device.create")).isEqualTo(1);
    }

    @Test
    void refusesBadCreateBodiesWithTheErrorShape() {
        assertError(kit.post("operator", "/api/devices", "{not json"), 400, "invalid JSON body");
        assertError(kit.post("operator", "/api/devices", "[1,2]"), 400, "the body must be a JSON object");
        assertError(kit.post("operator", "/api/devices", "{\"serial\":\"S1\",\"areaId\":" + communeA
                + ",\"colour\":\"red\"}"), 400, "unknown fields");
        assertError(kit.post("operator", "/api/devices", "{\"serial\":\"bad serial\",\"areaId\":" + communeA + "}"),
                400, "invalid field");
        assertError(kit.post("operator", "/api/devices", "{\"serial\":\"S1\",\"areaId\":" + communeA
                + ",\"latitude\":91}"), 400, "invalid field");
        assertError(kit.post("operator", "/api/devices", "{\"serial\":\"S1\",\"areaId\":" + communeA
                + ",\"imei\":\"12ab\"}"), 400, "invalid field");
        assertError(kit.post("operator", "/api/devices", "{\"serial\":\"S1\"}"), 400, "invalid field");
        assertError(kit.post("operator", "/api/devices", "{\"serial\":\"S1\",\"areaCode\":\"NOPE\"}"), 404,
                "area NOPE not found");
        assertError(kit.post("operator", "/api/devices", "{\"serial\":\"S1\",\"areaId\":" + communeA + ",\"name\":\""
                + "x".repeat(JsonBody.MAX_CHARS) + "\"}"), 413, "request body is over 65536 characters");
        assertThat(kit.post("operator", "/api/devices", "{\"serial\":\"S1\",\"areaId\":" + communeA + "}").status())
                .isEqualTo(201);
        assertError(kit.post("operator", "/api/devices", "{\"serial\":\"S1\",\"areaId\":" + communeA + "}"), 409,
                "serial already registered");
        assertThat(kit.get(ADMIN, "/api/devices").body().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void checksRoles() {
        assertError(kit.get(null, "/api/devices"), 401, "authentication required");
        assertError(kit.get("service", "/api/devices"), 403, "role viewer or higher required");
        assertError(kit.post("viewer", "/api/devices", "{\"serial\":\"S1\",\"areaId\":" + communeA + "}"), 403,
                "role operator or higher required");
        String id = kit.device("S2", communeA, DeviceStatus.pending);
        assertError(kit.post("operator", "/api/devices/" + id + "/approve", ""), 403,
                "role approver or higher required");
        assertError(kit.post("editor", "/api/devices/" + id + "/revoke", ""), 403, "role approver or higher required");
        assertError(kit.send("operator", "POST", "/api/devices/import", "text/csv", "serial,area_code\n"), 403,
                "role approver or higher required");
        assertThat(kit.post("approver", "/api/devices/" + id + "/approve", "").status()).isEqualTo(200);
    }

    @Test
    void scopesEveryRequestToTheCallersSubtree() {
        String inVillage = kit.device("A-1", villageA, DeviceStatus.registered);
        String inB = kit.device("B-1", communeB, DeviceStatus.registered);
        String unplaced = kit.device("X-1", null, DeviceStatus.pending);
        String communeOperator = "operator:" + communeA;

        JsonNode list = kit.get(communeOperator, "/api/devices").body();
        assertThat(ids(list)).containsExactly(inVillage);
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(kit.get(communeOperator, "/api/devices/" + inVillage).status()).isEqualTo(200);
        assertError(kit.get(communeOperator, "/api/devices/" + inB), 404, "device " + inB + " not found");
        assertError(kit.get(communeOperator, "/api/devices/" + unplaced), 404, "device " + unplaced + " not found");
        assertError(kit.get(communeOperator, "/api/devices?area=" + communeB), 404, "area " + communeB + " not found");
        assertError(kit.patch(communeOperator, "/api/devices/" + inVillage, "{\"areaId\":" + communeB + "}"), 404,
                "area " + communeB + " not found");
        assertError(kit.post("approver:" + communeA, "/api/devices/" + inB + "/revoke", ""), 404,
                "device " + inB + " not found");
        assertThat(kit.get(ADMIN, "/api/devices").body().get("total").asLong()).isEqualTo(3);
    }

    @Test
    void filtersAndPagesTheList() {
        List<String> inA = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inA.add(kit.device("A-" + i, i < 2 ? villageA : communeA, DeviceStatus.active));
        }
        String pendingB = kit.device("B-9", communeB, DeviceStatus.pending);
        kit.devices.update(inA.get(3), null, new DeviceDetails("Loa nhà văn hoá", null, null, null,
                "356938035643809", null), kit.clock.instant());
        long group = kit.group("Chợ", inA.get(0), pendingB);
        kit.live.connected(inA.get(4), 1, kit.clock.instant());
        kit.live.flushChanged(kit.stateTable::write);

        assertThat(ids(kit.get(ADMIN, "/api/devices?area=" + communeA).body())).containsExactlyElementsOf(inA);
        assertThat(ids(kit.get(ADMIN, "/api/devices?area=" + villageA).body())).containsExactly(inA.get(0), inA.get(1));
        assertThat(ids(kit.get(ADMIN, "/api/devices?status=pending").body())).containsExactly(pendingB);
        assertThat(ids(kit.get(ADMIN, "/api/devices?group=" + group).body())).containsExactly(inA.get(0), pendingB);
        assertThat(ids(kit.get(ADMIN, "/api/devices?online=true").body())).containsExactly(inA.get(4));
        assertThat(kit.get(ADMIN, "/api/devices?online=false").body().get("total").asLong()).isEqualTo(5);
        assertThat(ids(kit.get(ADMIN, "/api/devices?q=v%C4%83n%20ho%C3%A1").body())).containsExactly(inA.get(3));
        assertThat(ids(kit.get(ADMIN, "/api/devices?q=3569380").body())).containsExactly(inA.get(3));
        assertThat(ids(kit.get(ADMIN, "/api/devices?q=b-9").body())).containsExactly(pendingB);
        assertThat(ids(kit.get(ADMIN, "/api/devices?q=%25").body())).isEmpty();

        JsonNode page = kit.get(ADMIN, "/api/devices?limit=2&offset=2").body();
        assertThat(ids(page)).containsExactly(inA.get(2), inA.get(3));
        assertThat(page.get("total").asLong()).isEqualTo(6);
        assertThat(page.get("items").get(1).get("name").asText()).isEqualTo("Loa nhà văn hoá");
    }

    @Test
    void refusesBadQueryParameters() {
        assertError(kit.get(ADMIN, "/api/devices?limit=0"), 400, "invalid query parameter");
        assertError(kit.get(ADMIN, "/api/devices?limit=1001"), 400, "invalid query parameter");
        assertError(kit.get(ADMIN, "/api/devices?offset=-1"), 400, "invalid query parameter");
        assertError(kit.get(ADMIN, "/api/devices?status=sleeping"), 400, "invalid query parameter");
        assertError(kit.get(ADMIN, "/api/devices?online=yes"), 400, "invalid query parameter");
        assertError(kit.get(ADMIN, "/api/devices?group=abc"), 400, "invalid query parameter");
        assertThat(kit.get(ADMIN, "/api/devices?limit=1000").status()).isEqualTo(200);
    }

    @Test
    void patchesOnlyTheNamedFieldsAndClearsNulls() {
        String id = kit.post("operator", "/api/devices", "{\"serial\":\"P-1\",\"areaId\":" + communeA
                + ",\"name\":\"Cũ\",\"model\":\"LX-30\",\"latitude\":22.5}").body().get("id").asText();

        JsonNode patched = kit.patch("operator", "/api/devices/" + id, "{\"name\":\"Loa đầu thôn\",\"latitude\":null,"
                + "\"areaId\":" + villageA + "}").body();

        assertThat(patched.get("name").asText()).isEqualTo("Loa đầu thôn");
        assertThat(patched.get("model").asText()).isEqualTo("LX-30");
        assertThat(patched.get("latitude").isNull()).isTrue();
        assertThat(patched.get("areaId").asLong()).isEqualTo(villageA);
        assertError(kit.patch("operator", "/api/devices/" + id, "{\"areaId\":null}"), 400, "invalid field");
        assertError(kit.patch("operator", "/api/devices/" + id, "{\"serial\":\"NEW\"}"), 400, "unknown fields");
        assertError(kit.patch("operator", "/api/devices/sp-nothere00", "{}"), 404, "device sp-nothere00 not found");
    }

    @Test
    void approvesPendingDevicesIntoAnArea() {
        String id = kit.device("PEND-1", null, DeviceStatus.pending);

        assertError(kit.post("approver", "/api/devices/" + id + "/approve", ""), 400,
                "an area is required to approve a device");
        JsonNode approved = kit.post("approver", "/api/devices/" + id + "/approve", "{\"areaId\":" + communeB + "}")
                .body();

        assertThat(approved.get("status").asText()).isEqualTo("active");
        assertThat(approved.get("areaId").asLong()).isEqualTo(communeB);
        assertError(kit.post("approver", "/api/devices/" + id + "/approve", ""), 409, "the device is not pending");
        assertError(kit.post("approver", "/api/devices/" + id + "/reject", ""), 409, "the device is not pending");
        assertThat(kit.auditCount("device.approve")).isEqualTo(1);
    }

    @Test
    void rejectsPendingDevices() {
        String id = kit.device("PEND-2", communeA, DeviceStatus.pending);

        JsonNode rejected = kit.post("approver", "/api/devices/" + id + "/reject", "{\"reason\":\"không rõ nguồn gốc\"}")
                .body();

        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        String detail = kit.jdbi.withHandle(h -> h.createQuery(
                "SELECT detail FROM audit_log WHERE action = 'device.reject'").mapTo(String.class).one());
        assertThat(detail).isEqualTo("không rõ nguồn gốc");
    }

    @Test
    void revokeDisconnectsAtOnceAndClearsRetainedState() {
        String id = kit.device("REV-1", communeA, DeviceStatus.active);
        kit.devices.issueCredentials(id, "pbkdf2-sha256$1$AAAA$AAAA", null, null, null, null, kit.clock.instant());
        kit.live.connected(id, 7, kit.clock.instant());

        JsonNode revoked = kit.post("approver", "/api/devices/" + id + "/revoke", "").body();

        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.get("online").asBoolean()).isFalse();
        assertThat(kit.publisher.disconnected).containsExactly(id);
        assertThat(kit.publisher.on(Topics.device(id, DeviceTopic.STATE)))
                .singleElement().satisfies(m -> {
                    assertThat(m.retain()).isTrue();
                    assertThat(m.payload()).isEmpty();
                });
        assertThat(kit.devices.secretsOf(id).orElseThrow())
                .isEqualTo(new DeviceRepository.Secrets(DeviceStatus.revoked, null, null));
        assertError(kit.post("approver", "/api/devices/" + id + "/revoke", ""), 409, "the device is already revoked");
    }

    @Test
    void rotatesCredentialsOfAnOnlineDeviceOnly() throws InvalidMessageException {
        String id = kit.device("ROT-1", communeA, DeviceStatus.active);
        kit.devices.issueCredentials(id, "pbkdf2-sha256$1$AAAA$AAAA", null, null, null, null, kit.clock.instant());

        assertError(kit.post("approver", "/api/devices/" + id + "/credentials/rotate", ""), 409,
                "the device is offline: it cannot receive a new secret");
        kit.live.connected(id, 1, kit.clock.instant());
        Response rotated = kit.post("approver", "/api/devices/" + id + "/credentials/rotate", "");

        assertThat(rotated.status()).isEqualTo(202);
        assertThat(rotated.body().get("type").asText()).isEqualTo("credentials");
        assertThat(rotated.body().get("target").get("id").asText()).isEqualTo(id);
        assertThat(rotated.body().get("devices").asInt()).isEqualTo(1);
        OutboundMessage sent = kit.publisher.on(Topics.device(id, DeviceTopic.COMMAND)).get(0);
        assertThat(sent.qos()).isEqualTo(1);
        assertThat(sent.retain()).isFalse();
        assertThat(sent.expirySeconds()).isEqualTo(30);
        Command command = MessageCodec.decode(sent.payload(), Command.class, PayloadLimits.COMMAND_BYTES);
        assertThat(command.type()).isEqualTo(CommandType.credentials);
        assertThat(command.id()).isEqualTo(rotated.body().get("id").asText());
        assertThat(kit.devices.secretsOf(id).orElseThrow().pendingSecretHash()).isNotNull();
        assertThat(PasswordHasher.matches(command.secret(),
                kit.devices.secretsOf(id).orElseThrow().pendingSecretHash())).isTrue();
    }

    @Test
    void reprovisionLetsTheSerialProvisionAgain() {
        String id = kit.device("REP-1", communeA, DeviceStatus.active);
        kit.devices.issueCredentials(id, "pbkdf2-sha256$1$AAAA$AAAA", null, null, null, null, kit.clock.instant());

        JsonNode body = kit.post("approver", "/api/devices/" + id + "/reprovision", "").body();

        assertThat(body.get("status").asText()).isEqualTo("active");
        assertThat(kit.devices.find(id).orElseThrow().hasCredentials()).isFalse();
        assertThat(kit.publisher.disconnected).containsExactly(id);
        String pending = kit.device("REP-2", communeA, DeviceStatus.pending);
        assertError(kit.post("approver", "/api/devices/" + pending + "/reprovision", ""), 409,
                "only an active or revoked device can be reprovisioned");
    }

    @Test
    void showsLiveStateFromMemoryOrFromTheStoredCopy() {
        String id = kit.device("LIVE-1", communeA, DeviceStatus.active);
        kit.live.connected(id, 1, kit.clock.instant());
        kit.live.applyTelemetry(id, new Telemetry(1, 55, false, true, "vov1", -71, 41.5, 3600L, 4L),
                kit.clock.instant());
        JsonNode device = kit.get("viewer", "/api/devices/" + id).body();
        JsonNode state = device.get("state");
        assertThat(state.get("online").asBoolean()).isTrue();
        assertThat(state.get("volume").asInt()).isEqualTo(55);
        assertThat(state.get("playing").asText()).isEqualTo("vov1");
        assertThat(state.get("signalDbm").asInt()).isEqualTo(-71);
        assertThat(state.get("temperatureC").asDouble()).isEqualTo(41.5);
        assertThat(state.get("uptimeSeconds").asLong()).isEqualTo(3600);
        assertThat(device.get("lastSeen").asText()).isEqualTo(DeviceTestKit.START.toString());

        kit.live.flushChanged(kit.stateTable::write);
        kit.live.offline(id);
        DeviceTestKit restarted = new DeviceTestKit(dir).withHttp();
        try {
            JsonNode afterRestart = restarted.get("viewer", "/api/devices/" + id).body();
            assertThat(afterRestart.get("online").asBoolean()).isFalse();
            assertThat(afterRestart.get("lastSeen").asText()).isEqualTo(DeviceTestKit.START.toString());
            assertThat(afterRestart.get("state").get("signalDbm").asInt()).isEqualTo(-71);
            JsonNode listed = restarted.get("viewer", "/api/devices?q=LIVE-1").body().get("items").get(0);
            assertThat(listed.get("lastSeen").asText()).isEqualTo(DeviceTestKit.START.toString());
        } finally {
            restarted.close();
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    static void assertError(Response response, int status, String error) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body().get("error").asText()).isEqualTo(error);
        assertThat(response.body().has("detail")).isTrue();
    }
}
