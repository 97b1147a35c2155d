package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestAudio;

/**
 * The content workflow on a real server: an editor's upload is a draft that no broadcast or schedule takes until an
 * approver of its area approves it; rejected items may be approved later; each user sees the items of its own area,
 * the areas above and those below; an emergency may play drafts, audited; a schedule whose item was withdrawn after
 * it was saved says so, and its occurrence is skipped, audited.
 */
class ContentWorkflowApiTest extends RealServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger TONES = new AtomicInteger();
    private static Province province;
    private static ApiClient editorA;
    private static ApiClient approverA;
    private static ApiClient operatorA;

    @BeforeAll
    static void provinceAndUsers() {
        province = new Province(server, admin, "cw");
        province.speaker("cw-speaker-a", "a", Instant.now());
        province.speaker("cw-speaker-b", "b", Instant.now());
        editorA = province.user("cw-editor-a", Role.EDITOR, "a");
        approverA = province.user("cw-approver-a", Role.APPROVER, "a");
        operatorA = province.user("cw-operator-a", Role.OPERATOR, "a");
    }

    @Test
    void aDraftGoesOnAirOnlyOnceApprovedAndOnlyOnce() {
        JsonNode draft = upload(editorA, "Bản tin nháp");
        long id = draft.get("id").asLong();
        assertThat(draft.get("approval").asText()).isEqualTo("draft");
        assertThat(draft.get("kind").asText()).isEqualTo("upload");
        assertThat(draft.get("areaId").asLong()).isEqualTo(province.area("a"));
        assertThat(draft.get("approvedBy").isNull()).isTrue();
        assertThat(ids(editorA, "?approval=draft")).contains(id);
        assertThat(ids(editorA, "?approval=approved")).doesNotContain(id);

        Response refused = operatorA.post("/api/broadcasts", broadcast(id, "NORMAL"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("media " + id + " is not approved");
        assertThat(refused.json().get("detail").get("approval").asText()).isEqualTo("draft");
        Response schedule = operatorA.post("/api/schedules", schedule(id, "07:00"));
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(409);
        assertThat(schedule.json().get("error").asText()).isEqualTo("media " + id + " is not approved");
        Response stream = operatorA.post("/api/streams", Map.of("name", "Luồng " + id,
                "source", Map.of("type", "media", "media", List.of(id))));
        assertThat(stream.status()).as("the streams API is no way around the review").isEqualTo(409);
        assertThat(stream.json().get("error").asText()).isEqualTo("media " + id + " is not approved");
        assertThat(editorA.post("/api/media/" + id + "/approve", Map.of()).status()).as("editors do not approve")
                .isEqualTo(403);

        Response approved = approverA.post("/api/media/" + id + "/approve", Map.of("note", "Đã nghe, đạt"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("approval").asText()).isEqualTo("approved");
        assertThat(approved.json().get("approvedBy").asText()).isEqualTo("cw-approver-a");
        assertThat(approved.json().get("approvedAt").asText()).isNotBlank();
        assertThat(approved.json().get("reviewNote").asText()).isEqualTo("Đã nghe, đạt");
        assertThat(approverA.post("/api/media/" + id + "/approve", Map.of()).status()).as("approving twice")
                .isEqualTo(409);
        assertThat(audit("media.approve", "media:" + id)).contains("was draft");

        JsonNode onAir = created(operatorA.post("/api/broadcasts", broadcast(id, "NORMAL")));
        stop(onAir);
        assertThat(operatorA.post("/api/schedules", schedule(id, "07:30")).status()).isEqualTo(201);
    }

    /** An item that an enabled schedule will play, or that a relay falls back to, stays until nothing needs it. */
    @Test
    void anItemAScheduleWillPlayOrARelayFallsBackToCannotBeDeleted() {
        long id = upload(editorA, "Nhạc chờ").get("id").asLong();
        assertThat(approverA.post("/api/media/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        long schedule = created(operatorA.post("/api/schedules", schedule(id, "08:15"))).get("id").asLong();

        Response scheduled = editorA.send("DELETE", "/api/media/" + id, null, null);
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(409);
        assertThat(scheduled.json().get("error").asText()).isEqualTo("the media item is in a schedule");
        assertThat(scheduled.json().get("detail").get("schedules").get(0).asLong()).isEqualTo(schedule);
        assertThat(operatorA.send("DELETE", "/api/schedules/" + schedule, null, null).status()).isEqualTo(204);

        Response relay = admin.post("/api/streams", Map.of("name", "Tiếp sóng " + id, "source",
                Map.of("type", "relay", "url", "http://127.0.0.1:9/khong-co", "fallback", id)));
        assertThat(relay.status()).as(relay.body()).isEqualTo(201);
        String stream = relay.json().get("id").asText();
        Response fallback = editorA.send("DELETE", "/api/media/" + id, null, null);
        assertThat(fallback.status()).as(fallback.body()).isEqualTo(409);
        assertThat(fallback.json().get("detail").get("streams").get(0).asText()).isEqualTo(stream);

        assertThat(admin.send("DELETE", "/api/streams/" + stream, null, null).status()).isEqualTo(200);
        assertThat(editorA.send("DELETE", "/api/media/" + id, null, null).status()).isEqualTo(204);
    }

    @Test
    void aRejectedItemStaysOffTheAirUntilApprovedLater() {
        long id = upload(editorA, "Bản tin cần sửa").get("id").asLong();
        Response rejected = approverA.post("/api/media/" + id + "/reject", Map.of("note", "Sai tên thôn"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("approval").asText()).isEqualTo("rejected");
        assertThat(rejected.json().get("reviewNote").asText()).isEqualTo("Sai tên thôn");
        assertThat(approverA.post("/api/media/" + id + "/reject", Map.of()).status()).isEqualTo(409);
        assertThat(approverA.post("/api/media/" + id + "/reject", Map.of("note", 7)).status()).isEqualTo(400);
        assertThat(approverA.post("/api/media/" + id + "/approve", Map.of("note",
                "x".repeat(MediaService.MAX_NOTE_LENGTH + 1))).status()).as("a note over the limit").isEqualTo(400);
        assertThat(audit("media.reject", "media:" + id)).contains("Sai tên thôn");
        assertThat(operatorA.post("/api/broadcasts", broadcast(id, "NORMAL")).status()).isEqualTo(409);

        assertThat(approverA.post("/api/media/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        stop(created(operatorA.post("/api/broadcasts", broadcast(id, "NORMAL"))));
    }

    @Test
    void usersSeeTheirAreaLineAndApproveOnlyInsideTheirArea() {
        long communeItem = upload(editorA, "Tin xã An").get("id").asLong();
        ApiClient editorP = province.user("cw-editor-p", Role.EDITOR, "p");
        long provinceItem = upload(editorP, "Tin của tỉnh").get("id").asLong();
        ApiClient viewerB = province.user("cw-viewer-b", Role.VIEWER, "b");
        ApiClient viewerA1 = province.user("cw-viewer-a1", Role.VIEWER, "a1");
        ApiClient approverB = province.user("cw-approver-b", Role.APPROVER, "b");

        assertThat(ids(viewerB, "")).contains(provinceItem).doesNotContain(communeItem);
        assertThat(ids(viewerA1, "")).as("the village sees its commune's and province's items")
                .contains(provinceItem, communeItem);
        assertThat(ids(editorP, "")).as("the province sees below").contains(communeItem);
        assertThat(viewerB.get("/api/media/" + communeItem).status()).isEqualTo(404);
        assertThat(ids(viewerA1, "?q=" + URLEncoder.encode("XÃ AN", StandardCharsets.UTF_8)))
                .as("a search ignoring case").containsExactly(communeItem);

        assertThat(approverB.post("/api/media/" + communeItem + "/approve", Map.of()).status()).isEqualTo(404);
        Response above = approverA.post("/api/media/" + provinceItem + "/approve", Map.of());
        assertThat(above.status()).as("an item of the province is not the commune's to approve").isEqualTo(403);
        assertThat(editorA.send("DELETE", "/api/media/" + provinceItem, null, null).status()).isEqualTo(403);
        ApiClient approverP = province.user("cw-approver-p", Role.APPROVER, "p");
        assertThat(approverP.post("/api/media/" + communeItem + "/approve", Map.of()).status()).isEqualTo(200);

        JsonNode byApprover = upload(approverP, "Tin duyệt sẵn");
        assertThat(byApprover.get("approval").asText()).as("an approver's upload").isEqualTo("approved");
        assertThat(byApprover.get("approvedBy").asText()).isEqualTo("cw-approver-p");
        assertThat(admin.get("/api/media?approval=maybe").status()).isEqualTo(400);
        assertThat(admin.get("/api/media?q=" + "x".repeat(MediaService.MAX_SEARCH_LENGTH + 1)).status())
                .as("a search over the limit").isEqualTo(400);
    }

    @Test
    void anEmergencyByTheEmergencyRoleMayPlayADraftAndIsAudited() {
        long id = upload(editorA, "Cảnh báo lũ (nháp)").get("id").asLong();
        assertThat(operatorA.post("/api/broadcasts", broadcast(id, "PRIORITY")).status()).isEqualTo(409);
        Response inline = operatorA.post("/api/broadcasts", Map.of("name", "Đọc ngay", "source",
                Map.of("type", "tts", "text", "Xin chào"), "targets", Map.of("areas",
                        List.of(Long.toString(province.area("a"))))));
        assertThat(inline.status()).as(inline.body()).isEqualTo(403);
        assertThat(inline.json().get("error").asText()).contains("write a bulletin");

        JsonNode emergency = created(approverA.post("/api/broadcasts", broadcast(id, "EMERGENCY")));
        assertThat(audit("content.unreviewed", "broadcast:" + emergency.get("id").asText()))
                .contains("media " + id).contains("draft");
        stop(emergency);
    }

    @Test
    void anOccurrenceWhoseItemWasWithdrawnIsSkippedAndAudited() {
        long id = upload(approverA, "Tin bị rút").get("id").asLong();
        ZoneId zone = ZoneId.of(server.config().scheduleTimeZone().getId());
        LocalDateTime at = LocalDateTime.now(zone).plusSeconds(6);
        Map<String, Object> body = schedule(id, at.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        body.put("recurrence", Map.of("repeat", "once", "from", at.toLocalDate().toString(),
                "at", at.format(DateTimeFormatter.ofPattern("HH:mm:ss")), "durationMinutes", 1));
        long scheduleId = created(operatorA.post("/api/schedules", body)).get("id").asLong();

        assertThat(approverA.post("/api/media/" + id + "/reject", Map.of("note", "Tin đã cũ")).status())
                .isEqualTo(200);
        Poll.until("the occurrence skipped", WAIT, () -> !audits("schedule.start-failed", "schedule:" + scheduleId)
                .isEmpty());
        assertThat(audit("schedule.start-failed", "schedule:" + scheduleId)).contains("media " + id
                + " is not approved");
        long started = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM broadcasts"
                + " WHERE schedule_id = :id").bind("id", scheduleId).mapTo(Long.class).one());
        assertThat(started).isZero();
    }

    /** Withdrawing an item says which schedules list it, and those schedules show it until it is approved again. */
    @Test
    void aScheduleWhoseItemIsWithdrawnSaysSoUntilTheItemIsApprovedAgain() {
        long id = upload(approverA, "Tin sắp bị rút").get("id").asLong();
        JsonNode saved = created(operatorA.post("/api/schedules", schedule(id, "09:45")));
        long scheduleId = saved.get("id").asLong();
        assertThat(saved.get("unapprovedMedia")).as(saved.toString()).isEmpty();

        assertThat(approverA.post("/api/media/" + id + "/reject", Map.of()).status()).isEqualTo(200);
        assertThat(audit("media.reject", "media:" + id)).contains("schedules that will not play it: [" + scheduleId
                + "]");
        assertThat(unapprovedMediaOf(scheduleId)).containsExactly(id);

        assertThat(approverA.post("/api/media/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        assertThat(unapprovedMediaOf(scheduleId)).isEmpty();
        assertThat(operatorA.send("DELETE", "/api/schedules/" + scheduleId, null, null).status()).isEqualTo(204);
    }

    private static List<Long> unapprovedMediaOf(long scheduleId) {
        Response r = operatorA.get("/api/schedules/" + scheduleId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().get("unapprovedMedia").forEach(v -> ids.add(v.asLong()));
        return ids;
    }

    @Test
    void aDuplicateFromAnotherAreaIsRefusedWithoutNamingAnItemTheUploaderCannotSee() {
        byte[] wav = TestAudio.toneWav(300 + 10 * TONES.incrementAndGet(), 1_000);
        Response first = post(editorA, wav, "Tin riêng của xã A");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        ApiClient editorB = province.user("cw-editor-b", Role.EDITOR, "b");

        Response fromB = post(editorB, wav, "Bản sao");
        assertThat(fromB.status()).as(fromB.body()).isEqualTo(409);
        assertThat(fromB.body()).doesNotContain("Tin riêng").doesNotContain("\"id\"");
        assertThat(fromB.json().get("error").asText()).contains("an area you do not see");
        Response fromA = post(editorA, wav, "Bản sao");
        assertThat(fromA.status()).isEqualTo(409);
        assertThat(fromA.json().get("detail").get("id").asLong()).isEqualTo(first.json().get("id").asLong());
    }

    private static Response post(ApiClient client, byte[] wav, String title) {
        Multipart body = new Multipart().file("file", "tin.wav", wav).field("title", title);
        return client.sendBytes("POST", "/api/media", body.bytes(), body.contentType());
    }

    /** An upload of a tone no other test uploads (the library refuses the same audio twice). */
    private static JsonNode upload(ApiClient client, String title) {
        byte[] wav = TestAudio.toneWav(300 + 10 * TONES.incrementAndGet(), 1_000);
        Response r = post(client, wav, title);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static List<Long> ids(ApiClient client, String query) {
        Response r = client.get("/api/media" + (query.isEmpty() ? "?" : query + "&") + "limit=1000");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("items").findValues("id").stream().map(JsonNode::asLong).toList();
    }

    private static Map<String, Object> broadcast(long media, String priority) {
        return Map.of("name", "Phát " + media, "priority", priority, "source", Map.of("type", "media", "media",
                List.of(media)), "targets", Map.of("areas", List.of(Long.toString(province.area("a")))));
    }

    private static Map<String, Object> schedule(long media, String at) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Lịch " + media + " " + at);
        body.put("source", Map.of("type", "media", "media", List.of(media)));
        body.put("targets", Map.of("areas", List.of(province.area("a"))));
        body.put("areaId", province.area("a"));
        body.put("recurrence", Map.of("repeat", "daily", "from", "2027-05-01", "at", at, "durationMinutes", 10));
        body.put("overrideQuietHours", true);
        return body;
    }

    private static JsonNode created(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static void stop(JsonNode broadcast) {
        Response r = admin.send("DELETE", "/api/broadcasts/" + broadcast.get("id").asText(), null, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static String audit(String action, String target) {
        List<String> found = audits(action, target);
        assertThat(found).as("an audit record " + action + " of " + target).isNotEmpty();
        return found.get(0);
    }

    /** The details of that action on the target, newest first. */
    private static List<String> audits(String action, String target) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE action = :action"
                        + " AND target = :target ORDER BY id DESC")
                .bind("action", action).bind("target", target).mapTo(String.class).list());
    }
}
