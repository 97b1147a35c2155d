package vn.loa.controller.area;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestServers;

class AreaApiTest extends RealServerTest {
    @Test
    void createsNestedAreasWithPathAndDepth() {
        JsonNode province = created(admin.post("/api/areas", Map.of("name", "Tỉnh Thử Nghiệm", "kind", "province", "code", "P-CREATE")));
        JsonNode commune = created(admin.post("/api/areas", Map.of("name", "Xã Một", "kind", "commune", "parentId", province.get("id"))));

        assertThat(province.get("depth").asInt()).isEqualTo(1);
        assertThat(province.get("parentId").isNull()).isTrue();
        assertThat(province.get("path").asText()).isEqualTo("/" + province.get("id").asLong() + "/");
        assertThat(commune.get("depth").asInt()).isEqualTo(2);
        assertThat(commune.get("parentId").asLong()).isEqualTo(province.get("id").asLong());
        assertThat(commune.get("path").asText()).isEqualTo(province.get("path").asText() + commune.get("id").asLong() + "/");
        assertThat(commune.get("code").isNull()).isTrue();

        Response again = admin.get("/api/areas/" + commune.get("id").asLong());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(commune);
    }

    @Test
    void vietnameseNamesRoundTripIntact() {
        String name = "Thôn Đồng Xuân – Xã Ngọc Hồi, Huyện Thanh Trì (ấp Ưu Đãi)";
        JsonNode area = created(admin.post("/api/areas", Map.of("name", name, "kind", "village")));

        assertThat(area.get("name").asText()).isEqualTo(name);
        assertThat(admin.get("/api/areas/" + area.get("id").asLong()).json().get("name").asText()).isEqualTo(name);
        String stored = server.jdbi().withHandle(h -> h.createQuery("SELECT name FROM areas WHERE id = :id")
                .bind("id", area.get("id").asLong()).mapTo(String.class).one());
        assertThat(stored).isEqualTo(name);
    }

    @Test
    void invalidAreasAreRefusedWithEveryProblem() {
        Response r = admin.post("/api/areas", Map.of("name", " ", "kind", "city", "code", "bad code!"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail")).hasSize(3);
        assertThat(r.json().get("detail").get(1).asText()).contains("province, district, commune, ward, village, other");

        Response tooLong = admin.post("/api/areas", Map.of("name", "x".repeat(AreaRequests.MAX_NAME_LENGTH + 1), "kind", "other"));
        assertThat(tooLong.status()).isEqualTo(400);

        Response noParent = admin.post("/api/areas", Map.of("name", "Lạc", "kind", "village", "parentId", 999_999));
        assertThat(noParent.status()).isEqualTo(404);
    }

    @Test
    void duplicateCodeIsAConflict() {
        created(admin.post("/api/areas", Map.of("name", "A", "kind", "province", "code", "DUP-1")));
        Response r = admin.post("/api/areas", Map.of("name", "B", "kind", "province", "code", "DUP-1"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").get("code").asText()).isEqualTo("DUP-1");
    }

    @Test
    void depthIsLimited() {
        Map<String, Object> root = node("Level 1", "province", "DEEP-1");
        Map<String, Object> current = root;
        for (int level = 2; level <= AreaService.MAX_DEPTH; level++) {
            Map<String, Object> child = node("Level " + level, "other", "DEEP-" + level);
            current.put("children", List.of(child));
            current = child;
        }
        assertThat(admin.post("/api/areas/import", root).json().get("created").asInt()).isEqualTo(AreaService.MAX_DEPTH);

        long deepest = idOfCode("DEEP-" + AreaService.MAX_DEPTH);
        Response tooDeep = admin.post("/api/areas", Map.of("name", "One more", "kind", "other", "parentId", deepest));
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.json().get("detail").get("maxDepth").asInt()).isEqualTo(AreaService.MAX_DEPTH);

        Map<String, Object> twoLevels = node("Below", "other", null);
        twoLevels.put("parentId", idOfCode("DEEP-" + (AreaService.MAX_DEPTH - 1)));
        twoLevels.put("children", List.of(node("Further below", "other", null)));
        Response importTooDeep = admin.post("/api/areas/import", twoLevels);
        assertThat(importTooDeep.status()).isEqualTo(400);
        assertThat(importTooDeep.json().get("error").asText()).isEqualTo("area tree too deep");
    }

    @Test
    void nestedImportIsIdempotent() {
        Map<String, Object> tree = sampleProvince("IMP");

        Response first = admin.post("/api/areas/import", tree);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isEqualTo(7);
        assertThat(first.json().get("existing").asInt()).isZero();

        Response second = admin.post("/api/areas/import", tree);
        assertThat(second.json().get("created").asInt()).isZero();
        assertThat(second.json().get("existing").asInt()).isEqualTo(7);

        JsonNode subtree = admin.get("/api/areas?root=" + idOfCode("IMP")).json();
        assertThat(subtree.get("total").asLong()).isEqualTo(7);
        assertThat(names(subtree)).contains("Phường Bến Nghé", "Thôn Thượng", "Ấp Nam");
    }

    @Test
    void invalidImportStoresNothing() {
        Map<String, Object> tree = sampleProvince("BAD");
        List<Object> children = new ArrayList<>((List<?>) tree.get("children"));
        children.add(node("", "planet", "BAD-X"));
        tree.put("children", children);

        Response r = admin.post("/api/areas/import", tree);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").toString()).contains("children[3].name is required", "children[3].kind must be one of");

        Map<String, Object> twins = node("Tỉnh Sinh Đôi", "province", "BAD-TWINS");
        twins.put("children", List.of(node("Thôn Một", "village", null), node("Thôn Một", "village", null)));
        Response repeated = admin.post("/api/areas/import", twins);
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.json().get("detail").get(0).asText()).contains("children[1].name 'Thôn Một' repeats");
        long stored = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM areas WHERE code LIKE 'BAD%'")
                .mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void importSizeIsLimited() {
        Map<String, Object> atLimit = wideTree("HUGE", AreaService.MAX_IMPORT_AREAS);
        Response accepted = admin.post("/api/areas/import", atLimit);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("created").asInt()).isEqualTo(AreaService.MAX_IMPORT_AREAS);

        Response refused = admin.post("/api/areas/import", wideTree("HUGER", AreaService.MAX_IMPORT_AREAS + 1));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").get("count").asInt()).isEqualTo(AreaService.MAX_IMPORT_AREAS + 1);
        assertThat(refused.json().get("detail").get("maxAreas").asInt()).isEqualTo(AreaService.MAX_IMPORT_AREAS);
        assertThat(idsOfCode("HUGER")).isEmpty();
    }

    @Test
    void communeUserSeesOnlyItsSubtree() {
        admin.post("/api/areas/import", sampleProvince("SCOPE"));
        long commune = idOfCode("SCOPE-C1");
        long otherCommune = idOfCode("SCOPE-C2");
        long province = idOfCode("SCOPE");
        TestServers.createUser(server, "commune-admin", "commune-pass", Role.ADMIN, commune);
        ApiClient communeAdmin = TestServers.anonymous(server).login("commune-admin", "commune-pass");

        JsonNode visible = communeAdmin.get("/api/areas").json();
        assertThat(names(visible)).containsExactlyInAnyOrder("Phường Bến Nghé", "Thôn Thượng", "Thôn Hạ");
        assertThat(visible.get("total").asLong()).isEqualTo(3);

        assertThat(communeAdmin.get("/api/areas/" + commune).status()).isEqualTo(200);
        assertThat(communeAdmin.get("/api/areas/" + otherCommune).status()).isEqualTo(404);
        assertThat(communeAdmin.get("/api/areas/" + province).status()).isEqualTo(404);
        assertThat(communeAdmin.get("/api/areas?root=" + otherCommune).status()).isEqualTo(404);
        assertThat(communeAdmin.post("/api/areas", Map.of("name", "X", "kind", "village", "parentId", otherCommune)).status())
                .isEqualTo(404);
        assertThat(communeAdmin.post("/api/areas", Map.of("name", "X", "kind", "province")).status()).isEqualTo(403);
        assertThat(communeAdmin.post("/api/areas", Map.of("name", "Thôn Mới", "kind", "village", "parentId", commune)).status())
                .isEqualTo(201);
    }

    @Test
    void onlyAdminsChangeTheTree() {
        TestServers.createUser(server, "area-operator", "operator-pass", Role.OPERATOR, null);
        ApiClient operator = TestServers.anonymous(server).login("area-operator", "operator-pass");
        assertThat(operator.post("/api/areas", Map.of("name", "X", "kind", "province")).status()).isEqualTo(403);
        assertThat(operator.post("/api/areas/import", sampleProvince("OP")).status()).isEqualTo(403);
        assertThat(operator.get("/api/areas").status()).isEqualTo(200);
    }

    @Test
    void listsArePaged() {
        admin.post("/api/areas/import", sampleProvince("PAGE"));
        long root = idOfCode("PAGE");
        JsonNode page = admin.get("/api/areas?root=" + root + "&limit=2&offset=1").json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("total").asLong()).isEqualTo(7);
    }

    /** Province with two communes (one with two villages, one with one) and a ward: 7 areas. */
    private static Map<String, Object> sampleProvince(String code) {
        Map<String, Object> c1 = node("Phường Bến Nghé", "ward", code + "-C1");
        c1.put("children", List.of(node("Thôn Thượng", "village", null), node("Thôn Hạ", "village", null)));
        Map<String, Object> c2 = node("Xã Tân Phú", "commune", code + "-C2");
        c2.put("children", List.of(node("Ấp Nam", "village", null)));
        Map<String, Object> district = node("Huyện Cũ", "district", code + "-D");
        Map<String, Object> province = node("Tỉnh " + code, "province", code);
        province.put("children", List.of(c1, c2, district));
        return province;
    }

    private static Map<String, Object> node(String name, String kind, String code) {
        Map<String, Object> node = new HashMap<>();
        node.put("name", name);
        node.put("kind", kind);
        if (code != null) {
            node.put("code", code);
        }
        return node;
    }

    /** A province with {@code size - 1} villages directly under it. */
    private static Map<String, Object> wideTree(String code, int size) {
        Map<String, Object> root = node("Tỉnh " + code, "province", code);
        List<Map<String, Object>> villages = new ArrayList<>();
        for (int i = 1; i < size; i++) {
            villages.add(node("Thôn " + i, "village", null));
        }
        root.put("children", villages);
        return root;
    }

    private static long idOfCode(String code) {
        return idsOfCode(code).get(0);
    }

    private static List<Long> idsOfCode(String code) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT id FROM areas WHERE code = :code")
                .bind("code", code).mapTo(Long.class).list());
    }

    private static List<String> names(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(a -> a.get("name").asText()).toList();
    }

    private static JsonNode created(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }
}
