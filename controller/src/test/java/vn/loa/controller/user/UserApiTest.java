package vn.loa.controller.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.auth.Role;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.TestServers;

/** The users API: rules, scopes, self-protection, and sessions ending when rights or passwords change. */
class UserApiTest {
    private static final int MAX_FAILURES = 3;
    private static final int LOCKOUT_MINUTES = 10;
    private static final MutableClock CLOCK = new MutableClock();

    @TempDir
    static Path dataDir;
    private static LoaServer server;
    private static ApiClient admin;
    private static Province province;
    private static ApiClient communeAdmin;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir, Map.of("login.max.failures", String.valueOf(MAX_FAILURES),
                "login.lockout.minutes", String.valueOf(LOCKOUT_MINUTES)), CLOCK);
        admin = TestServers.admin(server);
        province = new Province(server, admin, "u");
        communeAdmin = province.user("quantri-xa", Role.ADMIN, "a");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminCreatesAUserWithAVietnameseDisplayName() {
        Response created = admin.post("/api/users", account("can-bo.1", "operator", province.area("a"),
                "Nguyễn Thị Hoà"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode user = created.json();
        assertThat(user.get("username").asText()).isEqualTo("can-bo.1");
        assertThat(user.get("displayName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(user.get("role").asText()).isEqualTo("operator");
        assertThat(user.get("areaId").asLong()).isEqualTo(province.area("a"));
        assertThat(user.get("areaName").asText()).isEqualTo("Xã An");
        assertThat(user.get("disabled").asBoolean()).isFalse();
        assertThat(user.get("lockedUntil").isNull()).isTrue();
        assertThat(user.get("lastLoginAt").isNull()).isTrue();
        assertThat(user.get("createdAt").isTextual()).isTrue();
        assertThat(user.has("passwordHash")).isFalse();

        TestServers.anonymous(server).login("can-bo.1", "mat-khau-dai-1");
        assertThat(admin.get("/api/users/can-bo.1").json().get("lastLoginAt").isTextual()).isTrue();
        assertThat(admin.post("/api/users", account("can-bo.1", "viewer", null, null)).status()).isEqualTo(409);
    }

    @Test
    void namesPasswordsDisplayNamesAndRolesFollowTheRules() {
        for (String badName : List.of("ab", "x".repeat(AccountRules.USERNAME_MAX + 1), "Hoa", "hoà", "a b", "anonymous")) {
            Response r = admin.post("/api/users", account(badName, "viewer", null, null));
            assertThat(r.status()).as(badName).isEqualTo(400);
            assertThat(r.json().get("detail").get("field").asText()).isEqualTo("username");
        }
        assertThat(admin.post("/api/users", account("x".repeat(AccountRules.USERNAME_MAX), "viewer", null, null))
                .status()).isEqualTo(201);

        Map<String, Object> shortPassword = account("ngan", "viewer", null, null);
        shortPassword.put("password", "x".repeat(AccountRules.PASSWORD_MIN - 1));
        Map<String, Object> longPassword = account("dai", "viewer", null, null);
        longPassword.put("password", "x".repeat(AccountRules.PASSWORD_MAX + 1));
        for (Map<String, Object> body : List.of(shortPassword, longPassword)) {
            Response r = admin.post("/api/users", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("detail").get("maxLength").asInt()).isEqualTo(AccountRules.PASSWORD_MAX);
        }

        Response longName = admin.post("/api/users", account("ten-dai", "viewer", null,
                "Ơ".repeat(AccountRules.DISPLAY_NAME_MAX + 1)));
        assertThat(longName.status()).isEqualTo(400);
        assertThat(admin.post("/api/users", account("ten-vua", "viewer", null, "Ơ".repeat(AccountRules.DISPLAY_NAME_MAX)))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/users", account("vai-tro", "chief", null, null)).json().get("detail")
                .get("allowed").toString()).contains("viewer", "admin");
        assertThat(admin.post("/api/users", account("khong-vung", "viewer", 999_999L, null)).status()).isEqualTo(400);
        assertThat(admin.post("/api/users", Map.of("username", "thua", "password", "mat-khau-dai-1", "role", "viewer",
                "extra", 1)).status()).isEqualTo(400);
    }

    @Test
    void aCommuneAdminStaysInsideItsCommune() {
        Response inVillage = communeAdmin.post("/api/users", account("thon-mot", "operator", province.area("a1"), null));
        assertThat(inVillage.status()).as(inVillage.toString()).isEqualTo(201);

        for (Long outside : new Long[] {province.area("b"), province.area("p"), null}) {
            Response r = communeAdmin.post("/api/users", account("ngoai-xa", "operator", outside, null));
            assertThat(r.status()).as("area " + outside).isEqualTo(403);
        }
        assertThat(communeAdmin.post("/api/users", account("giam-sat", "service", province.area("a"), null)).status())
                .isEqualTo(403);

        province.user("phuong-binh", Role.OPERATOR, "b");
        assertThat(communeAdmin.get("/api/users/phuong-binh").status()).isEqualTo(404);
        assertThat(communeAdmin.send("PATCH", "/api/users/phuong-binh", "{\"disabled\":true}", "application/json")
                .status()).isEqualTo(404);
        assertThat(communeAdmin.post("/api/users/phuong-binh/password", Map.of("password", "mat-khau-moi-1")).status())
                .isEqualTo(404);
        assertThat(communeAdmin.send("PATCH", "/api/users/thon-mot",
                ApiClient.toJson(Map.of("areaId", province.area("b"))), "application/json").status()).isEqualTo(403);

        List<String> seen = communeAdmin.get("/api/users").json().get("items").findValuesAsText("username");
        assertThat(seen).contains("quantri-xa", "thon-mot").doesNotContain("phuong-binh", "admin");
        assertThat(admin.get("/api/users?limit=1000").json().get("items").findValuesAsText("username"))
                .contains("admin", "phuong-binh", "thon-mot");
    }

    @Test
    void anAdminCannotLockItselfOut() {
        for (String change : List.of("{\"disabled\":true}", "{\"role\":\"approver\"}",
                "{\"areaId\":" + province.area("a1") + "}")) {
            Response r = communeAdmin.send("PATCH", "/api/users/quantri-xa", change, "application/json");
            assertThat(r.status()).as(change).isEqualTo(409);
        }
        Response renamed = communeAdmin.send("PATCH", "/api/users/quantri-xa", "{\"displayName\":\"Quản trị xã\"}",
                "application/json");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("displayName").asText()).isEqualTo("Quản trị xã");
        assertThat(communeAdmin.get("/api/me").status()).as("renaming keeps the session").isEqualTo(200);
    }

    @Test
    void disablingOrReRolingAUserEndsItsSessions() {
        ApiClient disabled = province.user("se-tat", Role.OPERATOR, "a");
        ApiClient reRoled = province.user("doi-vai", Role.OPERATOR, "a");

        Response r = communeAdmin.send("PATCH", "/api/users/se-tat", "{\"disabled\":true}", "application/json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("disabled").asBoolean()).isTrue();
        assertThat(communeAdmin.send("PATCH", "/api/users/doi-vai", "{\"role\":\"viewer\"}", "application/json")
                .json().get("role").asText()).isEqualTo("viewer");

        assertThat(disabled.get("/api/me").status()).isEqualTo(401);
        assertThat(reRoled.get("/api/me").status()).isEqualTo(401);
        assertThat(TestServers.anonymous(server).post("/api/login",
                Map.of("username", "se-tat", "password", "se-tat-password-1")).status()).isEqualTo(401);
        assertThat(TestServers.anonymous(server).login("doi-vai", "doi-vai-password-1").get("/api/me").json()
                .get("role").asText()).isEqualTo("viewer");
    }

    @Test
    void aPasswordResetEndsTheUsersSessions() {
        ApiClient user = province.user("quen-mk", Role.VIEWER, "a");

        assertThat(communeAdmin.post("/api/users/quen-mk/password", Map.of("password", "short")).status()).isEqualTo(400);
        assertThat(communeAdmin.post("/api/users/quen-mk/password", Map.of("password", "mat-khau-moi-1")).status())
                .isEqualTo(204);

        assertThat(user.get("/api/me").status()).isEqualTo(401);
        assertThat(TestServers.anonymous(server).login("quen-mk", "mat-khau-moi-1").get("/api/me").status())
                .isEqualTo(200);
    }

    @Test
    void usersChangeTheirOwnPasswordAndTheirOtherSessionsEnd() {
        ApiClient here = province.user("doi-mk", Role.VIEWER, "a");
        ApiClient elsewhere = TestServers.anonymous(server).login("doi-mk", "doi-mk-password-1");

        Response wrong = here.send("PUT", "/api/me/password", ApiClient.toJson(Map.of("currentPassword", "sai-mat-khau",
                "newPassword", "mat-khau-moi-1")), "application/json");
        assertThat(wrong.status()).isEqualTo(403);
        Response changed = here.send("PUT", "/api/me/password", ApiClient.toJson(Map.of(
                "currentPassword", "doi-mk-password-1", "newPassword", "mat-khau-moi-1")), "application/json");
        assertThat(changed.status()).isEqualTo(204);

        assertThat(here.get("/api/me").status()).isEqualTo(200);
        assertThat(elsewhere.get("/api/me").status()).isEqualTo(401);
        TestServers.anonymous(server).login("doi-mk", "mat-khau-moi-1");
    }

    @Test
    void anAdminLiftsALockout() {
        province.user("bi-khoa", Role.VIEWER, "a");
        ApiClient anonymous = TestServers.anonymous(server);
        for (int i = 0; i < MAX_FAILURES; i++) {
            anonymous.post("/api/login", Map.of("username", "bi-khoa", "password", "doan-" + i));
        }
        assertThat(anonymous.post("/api/login", Map.of("username", "bi-khoa", "password", "bi-khoa-password-1"))
                .status()).isEqualTo(429);
        Instant lockedUntil = Instant.parse(communeAdmin.get("/api/users/bi-khoa").json().get("lockedUntil").asText());
        assertThat(lockedUntil).isAfter(CLOCK.instant()).isBeforeOrEqualTo(CLOCK.instant()
                .plus(Duration.ofMinutes(LOCKOUT_MINUTES)));

        Response unlocked = communeAdmin.post("/api/users/bi-khoa/unlock", "");
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().get("lockedUntil").isNull()).isTrue();
        anonymous.login("bi-khoa", "bi-khoa-password-1");
        assertThat(auditActions("user:bi-khoa")).contains("user.unlock");
    }

    @Test
    void onlyAdminsManageUsers() {
        ApiClient approver = province.user("duyet", Role.APPROVER, null);
        assertThat(approver.get("/api/users").status()).isEqualTo(403);
        assertThat(approver.post("/api/users", account("tu-tao", "viewer", null, null)).status()).isEqualTo(403);
        assertThat(approver.get("/api/users/admin").status()).isEqualTo(403);
    }

    private static Map<String, Object> account(String username, String role, Long areaId, String displayName) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", "mat-khau-dai-1");
        body.put("role", role);
        body.put("areaId", areaId);
        body.put("displayName", displayName);
        return body;
    }

    private static List<String> auditActions(String target) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log WHERE target = :target")
                .bind("target", target).mapTo(String.class).list());
    }
}
