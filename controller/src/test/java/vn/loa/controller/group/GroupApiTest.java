package vn.loa.controller.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.auth.Role;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.TestServers;

class GroupApiTest {
    @TempDir
    static Path dataDir;
    private static LoaServer server;
    private static ApiClient admin;
    private static long province;
    private static long communeA;
    private static long communeB;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir);
        admin = TestServers.admin(server);
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Nhóm", "kind", "province")).json().get("id").asLong();
        communeA = admin.post("/api/areas", Map.of("name", "Xã A", "kind", "commune", "parentId", province)).json().get("id").asLong();
        communeB = admin.post("/api/areas", Map.of("name", "Xã B", "kind", "commune", "parentId", province)).json().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createsAndReadsGroupsWithMemberCounts() {
        Response created = admin.post("/api/groups", Map.of("name", "Loa chợ", "description", "Cụm loa quanh chợ", "areaId", communeA));
        assertThat(created.status()).isEqualTo(201);
        JsonNode group = created.json();
        assertThat(group.get("name").asText()).isEqualTo("Loa chợ");
        assertThat(group.get("areaId").asLong()).isEqualTo(communeA);
        assertThat(group.get("members").asLong()).isZero();

        addMember(group.get("id").asLong(), "dev-chợ-1");
        addMember(group.get("id").asLong(), "dev-chợ-2");

        JsonNode read = admin.get("/api/groups/" + group.get("id").asLong()).json();
        assertThat(read.get("members").asLong()).isEqualTo(2);
        JsonNode listed = StreamSupport.stream(admin.get("/api/groups?limit=1000").json().get("items").spliterator(), false)
                .filter(g -> g.get("id").asLong() == group.get("id").asLong()).findFirst().orElseThrow();
        assertThat(listed.get("members").asLong()).isEqualTo(2);
    }

    @Test
    void badGroupsAreRefused() {
        admin.post("/api/groups", Map.of("name", "Trùng tên"));
        Response duplicate = admin.post("/api/groups", Map.of("name", "Trùng tên"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(admin.post("/api/groups", Map.of("description", "no name")).status()).isEqualTo(400);
        assertThat(admin.post("/api/groups", Map.of("name", "x".repeat(GroupService.MAX_NAME_LENGTH + 1))).status()).isEqualTo(400);
        assertThat(admin.post("/api/groups", Map.of("name", "Lạc", "areaId", 999_999)).status()).isEqualTo(404);
        assertThat(admin.get("/api/groups/999999").status()).isEqualTo(404);
    }

    @Test
    void scopedUsersSeeAndCreateOnlyInTheirSubtree() {
        long inA = admin.post("/api/groups", Map.of("name", "Nhóm A", "areaId", communeA)).json().get("id").asLong();
        long inB = admin.post("/api/groups", Map.of("name", "Nhóm B", "areaId", communeB)).json().get("id").asLong();
        long wide = admin.post("/api/groups", Map.of("name", "Toàn tỉnh")).json().get("id").asLong();
        TestServers.createUser(server, "operator-a", "operator-pass", Role.OPERATOR, communeA);
        ApiClient operatorA = TestServers.anonymous(server).login("operator-a", "operator-pass");

        List<String> names = names(operatorA.get("/api/groups").json());
        assertThat(names).contains("Nhóm A").doesNotContain("Nhóm B", "Toàn tỉnh");
        assertThat(operatorA.get("/api/groups/" + inA).status()).isEqualTo(200);
        assertThat(operatorA.get("/api/groups/" + inB).status()).isEqualTo(404);
        assertThat(operatorA.get("/api/groups/" + wide).status()).isEqualTo(404);

        Response own = operatorA.post("/api/groups", Map.of("name", "Nhóm mới của A"));
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.json().get("areaId").asLong()).isEqualTo(communeA);
        assertThat(operatorA.post("/api/groups", Map.of("name", "Lấn sang B", "areaId", communeB)).status()).isEqualTo(404);

        assertThat(names(admin.get("/api/groups?limit=1000").json())).contains("Nhóm A", "Nhóm B", "Toàn tỉnh");
    }

    @Test
    void viewersCannotCreateGroups() {
        TestServers.createUser(server, "viewer", "viewer-pass", Role.VIEWER, null);
        ApiClient viewer = TestServers.anonymous(server).login("viewer", "viewer-pass");
        assertThat(viewer.post("/api/groups", Map.of("name", "Không được")).status()).isEqualTo(403);
        assertThat(viewer.get("/api/groups").status()).isEqualTo(200);
    }

    private static void addMember(long groupId, String deviceId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        server.jdbi().useHandle(h -> {
            h.createUpdate("INSERT INTO devices (id, serial, status, area_id, created_at, updated_at)"
                            + " VALUES (:id, :id, 'active', :area, :now, :now)")
                    .bind("id", deviceId).bind("area", communeA).bind("now", now).execute();
            h.createUpdate("INSERT INTO group_members (group_id, device_id) VALUES (:g, :d)")
                    .bind("g", groupId).bind("d", deviceId).execute();
        });
    }

    private static List<String> names(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(g -> g.get("name").asText()).toList();
    }
}
