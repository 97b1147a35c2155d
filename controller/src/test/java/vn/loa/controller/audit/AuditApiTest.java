package vn.loa.controller.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestServers;

/** The audit log over the API: filters, order, paging, CSV, and who may read it. */
class AuditApiTest extends RealServerTest {
    private static final String TRICKY = "tên \"Loa, Xã An\"\nhai dòng";

    @BeforeAll
    static void entries() {
        entry("2026-02-28T16:59:00Z", "au-alice", "device.create", "device:d1", "before the day in Hà Nội time");
        entry("2026-02-28T17:00:00Z", "au-alice", "device.update", "device:d1", TRICKY);
        entry("2026-03-01T09:00:00Z", "au-alice", "devices.import", "devices", "not a device.* action");
        entry("2026-03-01T16:59:59Z", "au-bob", "device.approve", "device:d2", "area 7");
        entry("2026-03-01T17:00:00Z", "au-alice", "area.create", "area:9", "after the day in Hà Nội time");
    }

    @Test
    void listsNewestFirstWithFilters() {
        assertThat(actions(admin.get("/api/audit?actor=au-alice")))
                .containsExactly("area.create", "devices.import", "device.update", "device.create");
        assertThat(actions(admin.get("/api/audit?actor=au-alice&action=device")))
                .containsExactly("device.update", "device.create");
        assertThat(actions(admin.get("/api/audit?action=device.approve"))).containsExactly("device.approve");
        assertThat(actions(admin.get("/api/audit?target=device:d1")))
                .containsExactly("device.update", "device.create");
    }

    @Test
    void datesAreDaysInTheConfiguredTimeZone() {
        // 2026-03-01 in Asia/Ho_Chi_Minh (UTC+7) runs from 2026-02-28T17:00Z to 2026-03-01T17:00Z
        assertThat(actions(admin.get("/api/audit?actor=au-alice&from=2026-03-01&to=2026-03-01")))
                .containsExactly("devices.import", "device.update");
        assertThat(actions(admin.get("/api/audit?actor=au-alice&from=2026-03-01T09:00:00Z")))
                .containsExactly("area.create", "devices.import");
        Response bad = admin.get("/api/audit?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).startsWith("from must be an ISO-8601 time");
    }

    @Test
    void pagesCountEveryMatch() {
        Response page = admin.get("/api/audit?actor=au-alice&limit=2&offset=1");
        assertThat(actions(page)).containsExactly("devices.import", "device.update");
        assertThat(page.json().get("total").asLong()).isEqualTo(4);
        JsonNode first = page.json().get("items").get(0);
        assertThat(first.get("at").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(first.get("target").asText()).isEqualTo("devices");
    }

    @Test
    void exportsCsvThatSpreadsheetsReadBack() throws IOException {
        Response csv = admin.get("/api/audit?actor=au-alice&action=device", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv").containsIgnoringCase("charset=utf-8");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"audit.csv\"");
        assertThat(csv.body()).startsWith("\uFEFFid,at,actor,action,target,detail\r\n");

        List<CSVRecord> records = parse(csv.body());
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("action")).isEqualTo("device.update");
        assertThat(records.get(0).get("detail")).isEqualTo(TRICKY);
        assertThat(records.get(1).get("at")).isEqualTo("2026-02-28T16:59:00Z");

        Response byParameter = admin.get("/api/audit?actor=au-alice&action=device&format=csv");
        assertThat(byParameter.body()).isEqualTo(csv.body());
        assertThat(admin.get("/api/audit?format=xml").status()).isEqualTo(400);
    }

    @Test
    void anExportOverTheLimitIsRefusedUntilNarrowed() {
        server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO audit_log (at, actor, action, target)"
                        + " SELECT CURRENT_TIMESTAMP, 'au-bulk', 'bulk.test', CAST(\"X\" AS VARCHAR) FROM SYSTEM_RANGE(1, :n)")
                .bind("n", AuditRoutes.MAX_EXPORT_ROWS + 1).execute());

        Response refused = admin.get("/api/audit?actor=au-bulk&format=csv");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").get("maxRows").asInt()).isEqualTo(AuditRoutes.MAX_EXPORT_ROWS);
        assertThat(admin.get("/api/audit?actor=au-bulk&limit=1").json().get("total").asLong())
                .isEqualTo(AuditRoutes.MAX_EXPORT_ROWS + 1);

        Response narrowed = admin.get("/api/audit?actor=au-bulk&target=42&format=csv");
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(narrowed.body().split("\r\n")).hasSize(2);
    }

    @Test
    void whatUsersDoIsThere() {
        assertThat(admin.post("/api/areas", Map.of("name", "Xã Kiểm Toán", "kind", "commune")).status())
                .isEqualTo(201);
        Response r = admin.get("/api/audit?actor=admin&action=area.create");
        assertThat(r.json().get("items").get(0).get("detail").asText()).isEqualTo("Xã Kiểm Toán");
    }

    @Test
    void onlyApproversAndAdministratorsOfTheWholeInstallationReadIt() {
        Province province = new Province(server, admin, "au");
        assertThat(TestServers.anonymous(server).get("/api/audit").status()).isEqualTo(401);
        for (Role role : List.of(Role.VIEWER, Role.OPERATOR, Role.EDITOR)) {
            ApiClient user = TestServers.loggedIn(server, "au-" + role.name().toLowerCase(), role);
            assertThat(user.get("/api/audit").status()).as(role.name()).isEqualTo(403);
        }
        ApiClient approver = TestServers.loggedIn(server, "au-approver", Role.APPROVER);
        assertThat(approver.get("/api/audit?actor=au-bob").status()).isEqualTo(200);
        ApiClient communeApprover = province.user("au-commune-approver", Role.APPROVER, "a");
        Response scoped = communeApprover.get("/api/audit");
        assertThat(scoped.status()).isEqualTo(403);
        assertThat(scoped.json().get("error").asText()).contains("whole installation");
    }

    private static void entry(String at, String actor, String action, String target, String detail) {
        server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO audit_log (at, actor, action, target, detail)"
                        + " VALUES (:at, :actor, :action, :target, :detail)")
                .bind("at", OffsetDateTime.ofInstant(Instant.parse(at), ZoneOffset.UTC)).bind("actor", actor)
                .bind("action", action).bind("target", target).bind("detail", detail).execute());
    }

    private static List<String> actions(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        r.json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        return actions;
    }

    static List<CSVRecord> parse(String body) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body.substring(1))).getRecords();
    }
}
