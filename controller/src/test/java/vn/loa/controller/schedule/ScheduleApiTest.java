package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.broadcast.BroadcastRequest;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestServers;

/** {@code /api/schedules} on a real server: rules, words, limits, scopes, conflicts and quiet hours. */
class ScheduleApiTest extends RealServerTest {
    private static final Map<String, Object> RELAY = Map.of("type", "relay", "url", "http://127.0.0.1:9/vov1");
    private static long province;
    private static ApiClient viewer;

    @BeforeAll
    static void provinceAndViewer() {
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Lịch", "kind", "province")).json().get("id").asLong();
        viewer = TestServers.loggedIn(server, "schedule-viewer", Role.VIEWER);
    }

    @Test
    void aWeeklyProgrammeIsShownAsARuleInWordsWithItsNextOccurrences() {
        long commune = commune("Xã Tuần");
        Map<String, Object> body = programme("Bản tin sáng", Map.of("areas", List.of(commune)), Map.of(
                "repeat", "weekly", "weekdays", List.of("MO", "WE", "FR"), "from", "2027-03-01",
                "until", "2027-03-31", "except", List.of("2027-03-03"), "at", "06:00", "durationMinutes", 30));
        body.put("volume", 70);
        Response created = admin.post("/api/schedules", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode schedule = created.json();
        assertThat(schedule.get("recurrence").get("repeat").asText()).isEqualTo("weekly");
        assertThat(schedule.get("recurrence").get("rrule").asText()).contains("FREQ=WEEKLY").contains("BYDAY=MO,WE,FR")
                .contains("UNTIL=20270331");
        assertThat(schedule.get("description").get("vi").asText()).isEqualTo(
                "Thứ Hai, Thứ Tư, Thứ Sáu lúc 06:00, 30 phút, từ 01/03/2027 đến 31/03/2027, trừ 03/03/2027");
        assertThat(schedule.get("description").get("en").asText())
                .isEqualTo("Mon, Wed, Fri at 06:00 for 30 min, 2027-03-01..2027-03-31, except 2027-03-03");
        assertThat(schedule.get("timeZone").asText()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(schedule.get("nextOccurrences")).extracting(o -> o.get("start").asText()).containsExactly(
                "2027-03-01T06:00+07:00", "2027-03-05T06:00+07:00", "2027-03-08T06:00+07:00",
                "2027-03-10T06:00+07:00", "2027-03-12T06:00+07:00");
        assertThat(schedule.get("targets").get("areas")).extracting(JsonNode::asText)
                .containsExactly(String.valueOf(commune));
        assertThat(schedule.get("priority").asText()).isEqualTo("NORMAL");
        assertThat(schedule.get("volume").asInt()).isEqualTo(70);
        assertThat(schedule.get("source").get("type").asText()).isEqualTo("relay");

        long id = schedule.get("id").asLong();
        assertThat(viewer.get("/api/schedules/" + id).json().get("name").asText()).isEqualTo("Bản tin sáng");
        Response occurrences = viewer.get("/api/schedules/" + id + "/occurrences?from=2027-02-28T17:00:00Z"
                + "&to=2027-03-07T17:00:00Z");
        assertThat(occurrences.json()).extracting(o -> o.get("start").asText() + "/" + o.get("end").asText())
                .containsExactly("2027-03-01T06:00+07:00/2027-03-01T06:30+07:00",
                        "2027-03-05T06:00+07:00/2027-03-05T06:30+07:00");
        assertThat(viewer.get("/api/schedules/" + id + "/occurrences?from=2027-03-01T00:00:00Z"
                + "&to=2028-03-02T00:00:00Z").status()).as("more than a year").isEqualTo(400);
        assertThat(audit("schedule.create", id)).contains("Bản tin sáng").contains("area:" + commune);
    }

    @Test
    void aRawRuleIsAcceptedAndShownBothWays() {
        long commune = commune("Xã Cuối Tháng");
        Response created = admin.post("/api/schedules", programme("Tổng kết tháng", Map.of("areas", List.of(commune)),
                Map.of("rrule", "FREQ=MONTHLY;BYMONTHDAY=-1", "from", "2027-01-01", "at", "17:00",
                        "durationMinutes", 45)));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode recurrence = created.json().get("recurrence");
        assertThat(recurrence.get("repeat").asText()).isEqualTo("custom");
        assertThat(recurrence.get("rrule").asText()).contains("FREQ=MONTHLY").contains("BYMONTHDAY=-1");
        assertThat(created.json().get("description").get("en").asText())
                .isEqualTo("Monthly on the last day at 17:00 for 45 min, from 2027-01-01");
        assertThat(created.json().get("nextOccurrences").get(1).get("start").asText())
                .isEqualTo("2027-02-28T17:00+07:00");
    }

    @Test
    void badProgrammesAreRefusedWithTheReason() {
        long commune = commune("Xã Sai");
        Map<String, Object> targets = Map.of("areas", List.of(commune));
        Map<String, Object> daily = Map.of("repeat", "daily", "at", "06:00", "durationMinutes", 30);

        Map<String, Object> noName = programme("x", targets, daily);
        noName.remove("name");
        assertRefused(admin.post("/api/schedules", noName), 400, "name");
        Map<String, Object> live = programme("Trực tiếp", targets, daily);
        live.put("source", Map.of("type", "live"));
        assertRefused(admin.post("/api/schedules", live), 400, "media or relay");
        Map<String, Object> tts = programme("Đọc", targets, daily);
        tts.put("source", Map.of("type", "tts", "text", "Xin chào"));
        assertRefused(admin.post("/api/schedules", tts), 400, "media or relay");
        Map<String, Object> emergency = programme("Báo động", targets, daily);
        emergency.put("priority", "EMERGENCY");
        assertRefused(admin.post("/api/schedules", emergency), 400, "EMERGENCY");
        Map<String, Object> loud = programme("To", targets, daily);
        loud.put("volume", ScheduleRequest.MAX_VOLUME + 1);
        assertRefused(admin.post("/api/schedules", loud), 400, "volume");
        Map<String, Object> typo = programme("Gõ sai", targets, daily);
        typo.put("prority", "NORMAL");
        assertRefused(admin.post("/api/schedules", typo), 400, "prority");
        Map<String, Object> noTargets = programme("Không loa", targets, daily);
        noTargets.remove("targets");
        assertRefused(admin.post("/api/schedules", noTargets), 400, "targets");
        assertRefused(admin.post("/api/schedules", programme("Trống", Map.of(), daily)), 400, "at least one");
        Map<String, Object> unknownMedia = programme("Bài hát", targets, daily);
        unknownMedia.put("source", Map.of("type", "media", "media", List.of(987654)));
        assertRefused(admin.post("/api/schedules", unknownMedia), 404, "987654");
        assertRefused(admin.post("/api/schedules", programme("Dài", targets, Map.of("repeat", "daily", "at", "06:00",
                "durationMinutes", 24 * 60 + 1))), 400, "durationMinutes");
        assertRefused(admin.post("/api/schedules", "[1,2]"), 400, "object");
        assertRefused(admin.post("/api/schedules", programme("Không có", Map.of("devices", List.of("no-such-device")),
                daily)), 404, "device");
        assertThat(admin.get("/api/schedules/123456789").status()).isEqualTo(404);
        assertThat(admin.get("/api/schedules/abc").status()).isEqualTo(404);
    }

    @Test
    void aCommuneOperatorSchedulesOnlyInTheirCommune() {
        long communeA = commune("Xã Phạm Vi A");
        long communeB = commune("Xã Phạm Vi B");
        TestServers.createUser(server, "schedule-operator-a", "schedule-operator-a-1", Role.OPERATOR, communeA);
        ApiClient operatorA = TestServers.anonymous(server).login("schedule-operator-a", "schedule-operator-a-1");
        Map<String, Object> daily = Map.of("repeat", "daily", "at", "10:00", "durationMinutes", 30);

        assertThat(operatorA.post("/api/schedules", programme("Sang xã B", Map.of("areas", List.of(communeB)), daily))
                .status()).as("another commune").isEqualTo(404);
        assertThat(operatorA.post("/api/schedules", programme("Cả tỉnh", Map.of("areas", List.of(province)), daily))
                .status()).as("the province above").isEqualTo(404);
        Map<String, Object> inB = programme("Thuộc xã B", Map.of("areas", List.of(communeA)), daily);
        inB.put("areaId", communeB);
        assertThat(operatorA.post("/api/schedules", inB).status()).as("belonging to another commune").isEqualTo(404);
        assertThat(viewer.post("/api/schedules", programme("Người xem", Map.of("areas", List.of(communeA)), daily))
                .status()).isEqualTo(403);

        Response own = operatorA.post("/api/schedules", programme("Xã A", Map.of("areas", List.of(communeA)), daily));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().get("areaId").asLong()).isEqualTo(communeA);
        long bSchedule = admin.post("/api/schedules", programmeIn(communeB, "Xã B", daily)).json().get("id").asLong();

        assertThat(operatorA.get("/api/schedules/" + bSchedule).status()).isEqualTo(404);
        assertThat(operatorA.send("DELETE", "/api/schedules/" + bSchedule, null, null).status()).isEqualTo(404);
        assertThat(operatorA.get("/api/schedules").json().get("items")).extracting(s -> s.get("name").asText())
                .containsExactly("Xã A");
        assertThat(admin.get("/api/schedules?area=" + communeB).json().get("items"))
                .extracting(s -> s.get("name").asText()).containsExactly("Xã B");
        assertThat(operatorA.get("/api/schedules?area=" + communeB).status()).isEqualTo(404);
    }

    @Test
    void anOverlapOnTheSameSpeakersAtTheSamePriorityIsAConflictUnlessForced() {
        long commune = commune("Xã Trùng");
        long other = commune("Xã Khác");
        String speaker = device(commune, "SCHED-CONFLICT-1");
        device(other, "SCHED-CONFLICT-2");
        long first = created(programme("Bản tin 6 giờ", Map.of("areas", List.of(commune)),
                Map.of("repeat", "daily", "from", "2027-01-04", "at", "06:00", "durationMinutes", 30)));

        Map<String, Object> overlapping = programme("Nhạc 6 giờ 15", Map.of("devices", List.of(speaker)),
                Map.of("repeat", "weekly", "weekdays", List.of("TU"), "from", "2027-01-01", "at", "06:15",
                        "durationMinutes", 30));
        Response refused = admin.post("/api/schedules", overlapping);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        JsonNode conflict = refused.json().get("detail").get("conflicts").get(0);
        assertThat(conflict.get("schedule").asLong()).isEqualTo(first);
        assertThat(conflict.get("name").asText()).isEqualTo("Bản tin 6 giờ");
        assertThat(conflict.get("speakers").asInt()).isEqualTo(1);
        assertThat(conflict.get("speakerIds")).extracting(JsonNode::asText).containsExactly(speaker);
        assertThat(conflict.get("firstOverlap").get("start").asText()).isEqualTo("2027-01-05T06:15+07:00");
        assertThat(conflict.get("firstOverlap").get("end").asText()).isEqualTo("2027-01-05T06:30+07:00");

        Map<String, Object> higher = new HashMap<>(overlapping);
        higher.put("priority", "PRIORITY");
        assertThat(admin.post("/api/schedules", higher).status()).as("another priority").isEqualTo(201);
        assertThat(admin.post("/api/schedules", programme("Sau đó", Map.of("devices", List.of(speaker)),
                Map.of("repeat", "daily", "from", "2027-01-04", "at", "06:30", "durationMinutes", 30))).status())
                .as("right after it").isEqualTo(201);
        assertThat(admin.post("/api/schedules", programme("Xã khác cùng giờ", Map.of("areas", List.of(other)),
                Map.of("repeat", "daily", "from", "2027-01-04", "at", "06:00", "durationMinutes", 30))).status())
                .as("other speakers").isEqualTo(201);

        overlapping.put("force", true);
        long forced = created(overlapping);
        assertThat(audit("schedule.create", forced)).contains("forced over conflicts with schedule " + first);
    }

    @Test
    void editingIntoAConflictIsRefusedAndAnEditDoesNotConflictWithItself() {
        long commune = commune("Xã Sửa");
        device(commune, "SCHED-EDIT-1");
        long morning = created(programmeIn(commune, "Sáng", Map.of("repeat", "daily", "from", "2027-01-04",
                "at", "06:00", "durationMinutes", 30)));
        long noon = created(programmeIn(commune, "Trưa", Map.of("repeat", "daily", "from", "2027-01-04",
                "at", "11:00", "durationMinutes", 30)));

        Response moved = put(noon, programmeIn(commune, "Trưa", Map.of("repeat", "daily", "from", "2027-01-04",
                "at", "06:10", "durationMinutes", 30)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(409);
        assertThat(moved.json().get("detail").get("conflicts").get(0).get("schedule").asLong()).isEqualTo(morning);

        Response longer = put(morning, programmeIn(commune, "Sáng dài", Map.of("repeat", "daily", "from",
                "2027-01-04", "at", "06:00", "durationMinutes", 60)));
        assertThat(longer.status()).as(longer.body()).isEqualTo(200);
        assertThat(longer.json().get("name").asText()).isEqualTo("Sáng dài");
        assertThat(longer.json().get("recurrence").get("durationMinutes").asInt()).isEqualTo(60);
        assertThat(audit("schedule.update", morning)).contains("Sáng dài");

        assertThat(admin.send("DELETE", "/api/schedules/" + noon, null, null).status()).isEqualTo(204);
        assertThat(admin.get("/api/schedules/" + noon).status()).isEqualTo(404);
        assertThat(audit("schedule.delete", noon)).contains("Trưa");
    }

    @Test
    void deletingAScheduleEndsItsOccurrencePlayingNow() {
        long commune = commune("Xã Xoá");
        long id = created(programmeIn(commune, "Đang phát", Map.of("repeat", "daily", "at", "09:00",
                "durationMinutes", 60)));
        ScheduleDraft draft = new ScheduleRepository(server.jdbi()).find(id).orElseThrow().draft();
        Instant occurrence = Instant.now().minusSeconds(60);
        TestServers.activeSpeaker(server, "del-speaker", commune);
        // the occurrence playing, started as the scheduler starts it
        String playing = server.broadcasts().start(
                new Caller("schedule:" + id, Role.ADMIN, commune),
                new BroadcastRequest(draft.name(), draft.source(), draft.targets(),
                        draft.priority(), null, occurrence.plusSeconds(3600), id, occurrence, 0));

        assertThat(admin.send("DELETE", "/api/schedules/" + id, null, null).status()).isEqualTo(204);

        String ended = server.jdbi().withHandle(h -> h.createQuery("SELECT status || ' ' || end_reason || ' ' || ended_by"
                + " FROM broadcasts WHERE id = :id").bind("id", playing).mapTo(String.class).one());
        assertThat(ended).isEqualTo("ended schedule-deleted admin");
        assertThat(audit("schedule.delete", id)).contains("Đang phát").contains(playing);
    }

    @Test
    void theQuietHoursRefuseANightProgrammeUnlessOverriddenAndAudited() {
        long commune = commune("Xã Đêm");
        Map<String, Object> night = programmeIn(commune, "Nhạc đêm", Map.of("repeat", "daily", "at", "21:45",
                "durationMinutes", 30));

        Response refused = admin.post("/api/schedules", night);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("detail").get("quietHours").asText()).isEqualTo("22:00-05:00");
        assertThat(refused.json().get("detail").get("window").asText()).isEqualTo("21:45-22:15");

        night.put("overrideQuietHours", true);
        long id = created(night);
        assertThat(audit("schedule.quiet-hours-override", id)).contains("22:00-05:00");
        assertThat(admin.post("/api/schedules", programmeIn(commune, "Trước giờ yên tĩnh", Map.of("repeat", "daily",
                "at", "21:30", "durationMinutes", 30))).status()).as("ends as they begin").isEqualTo(201);
    }

    @Test
    void theNumberOfSchedulesIsLimited() {
        long commune = commune("Xã Đầy");
        ScheduleRepository repository = new ScheduleRepository(server.jdbi());
        long existing = repository.count(Optional.empty());
        Response template = admin.post("/api/schedules", programmeIn(commune, "Mẫu", Map.of("repeat", "daily",
                "at", "12:00", "durationMinutes", 1)));
        ScheduleDraft draft = repository.find(template.json().get("id").asLong()).orElseThrow().draft();
        ScheduleDraft disabled = new ScheduleDraft("Lấp đầy", draft.source(), draft.targets(), draft.priority(), null,
                commune, draft.recurrence(), false);
        try {
            for (long i = existing + 1; i < ScheduleService.MAX_SCHEDULES; i++) {
                repository.insert(disabled, "test", Instant.now());
            }
            assertRefused(admin.post("/api/schedules", programmeIn(commune, "Thừa", Map.of("repeat", "daily",
                    "at", "13:00", "durationMinutes", 1))), 429, String.valueOf(ScheduleService.MAX_SCHEDULES));
        } finally {
            server.jdbi().useHandle(h -> h.execute("DELETE FROM schedules WHERE name = 'Lấp đầy'"));
        }
        assertThat(admin.post("/api/schedules", programmeIn(commune, "Lại được", Map.of("repeat", "daily",
                "at", "13:00", "durationMinutes", 1))).status()).isEqualTo(201);
    }

    @Test
    void aCheckShowsConflictsQuietHoursWordsAndNextStartsAndSavesNothing() {
        long commune = commune("Xã Thử");
        device(commune, "SCHED-CHECK-1");
        long morning = created(programmeIn(commune, "Sáng", Map.of("repeat", "daily", "from", "2027-02-01",
                "at", "06:00", "durationMinutes", 30)));
        long before = new ScheduleRepository(server.jdbi()).count(Optional.empty());

        Map<String, Object> clash = programmeIn(commune, "Chồng giờ", Map.of("repeat", "daily", "from",
                "2027-02-01", "at", "06:15", "durationMinutes", 30));
        JsonNode checked = check(admin, clash);
        assertThat(checked.get("ok").asBoolean()).isFalse();
        assertThat(checked.get("errors")).isEmpty();
        assertThat(checked.get("conflicts").get(0).get("schedule").asLong()).isEqualTo(morning);
        assertThat(checked.get("conflicts").get(0).get("firstOverlap").get("start").asText())
                .isEqualTo("2027-02-01T06:15+07:00");
        assertThat(checked.get("conflicts")).as("the shape of the 409 of a save")
                .isEqualTo(admin.post("/api/schedules", clash).json().get("detail").get("conflicts"));
        assertThat(checked.get("quietHours").isNull()).isTrue();
        assertThat(checked.get("words").get("en").asText()).isEqualTo("Daily at 06:15 for 30 min, from 2027-02-01");
        assertThat(checked.get("next")).hasSize(ScheduleCheck.NEXT);
        assertThat(checked.get("next").get(0).asText()).isEqualTo("2027-02-01T06:15+07:00");
        clash.put("force", true);
        assertThat(check(admin, clash).get("ok").asBoolean()).as("forced").isTrue();
        clash.put("id", morning);
        JsonNode asEdit = check(admin, clash);
        assertThat(asEdit.get("conflicts")).as("an edit does not conflict with itself").isEmpty();

        Map<String, Object> night = programmeIn(commune, "Đêm", Map.of("repeat", "once", "from", "2027-02-03",
                "at", "04:30", "durationMinutes", 60));
        JsonNode quiet = check(admin, night);
        assertThat(quiet.get("ok").asBoolean()).isFalse();
        assertThat(quiet.get("quietHours").get("from").asText()).isEqualTo("22:00");
        assertThat(quiet.get("quietHours").get("to").asText()).isEqualTo("05:00");
        assertThat(quiet.get("quietHours").get("occurrences")).extracting(o -> o.get("start").asText())
                .containsExactly("2027-02-03T04:30+07:00");
        night.put("overrideQuietHours", true);
        assertThat(check(admin, night).get("ok").asBoolean()).isTrue();

        assertThat(new ScheduleRepository(server.jdbi()).count(Optional.empty())).as("nothing saved")
                .isEqualTo(before);
    }

    @Test
    void aCheckNamesTheFieldsAtFault() {
        long commune = commune("Xã Sai");
        JsonNode badRule = check(admin, programmeIn(commune, "Sai luật", Map.of("rrule", "FREQ=HOURLY",
                "at", "06:00", "durationMinutes", 30)));
        assertThat(badRule.get("ok").asBoolean()).isFalse();
        assertThat(badRule.get("errors").get(0).get("field").asText()).isEqualTo("recurrence.rrule");
        assertThat(badRule.get("errors").get(0).get("message").asText()).contains("DAILY, WEEKLY");
        assertThat(badRule.get("words").isNull()).isTrue();

        Map<String, Object> unknownMedia = programmeIn(commune, "Không có", Map.of("repeat", "daily", "at", "07:00",
                "durationMinutes", 10));
        unknownMedia.put("source", Map.of("type", "media", "media", List.of(987_654)));
        unknownMedia.put("targets", Map.of("areas", List.of(999_999)));
        JsonNode wrong = check(admin, unknownMedia);
        assertThat(wrong.get("errors")).extracting(e -> e.get("field").asText()).containsExactly("targets", "source");
        assertThat(wrong.get("words").get("en").asText()).startsWith("Daily at 07:00");

        assertThat(check(admin, Map.of("name", "Thiếu")).get("errors").get(0).get("field").asText())
                .isEqualTo("source");
        assertThat(admin.post("/api/schedules/check", Map.of("id", 987_654)).status()).isEqualTo(404);
        assertThat(viewer.post("/api/schedules/check", programmeIn(commune, "Xem", Map.of("repeat", "daily",
                "at", "07:00", "durationMinutes", 10))).status()).isEqualTo(403);
    }

    private static JsonNode check(ApiClient client, Map<String, Object> body) {
        Response r = client.post("/api/schedules/check", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static Map<String, Object> programme(String name, Map<String, Object> targets, Map<String, Object> recurrence) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("source", RELAY);
        body.put("targets", targets);
        body.put("recurrence", recurrence);
        return body;
    }

    private static Map<String, Object> programmeIn(long commune, String name, Map<String, Object> recurrence) {
        Map<String, Object> body = programme(name, Map.of("areas", List.of(commune)), recurrence);
        body.put("areaId", commune);
        return body;
    }

    private static long commune(String name) {
        return admin.post("/api/areas", Map.of("name", name, "kind", "commune", "parentId", province)).json().get("id")
                .asLong();
    }

    private static String device(long area, String serial) {
        Response created = admin.post("/api/devices", Map.of("serial", serial, "areaId", area));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static long created(Map<String, Object> body) {
        Response created = admin.post("/api/schedules", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static Response put(long id, Map<String, Object> body) {
        return admin.send("PUT", "/api/schedules/" + id, ApiClient.toJson(body), "application/json");
    }

    private static void assertRefused(Response response, int status, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(reason);
    }

    /** The latest audit record of that action on the schedule. */
    static String audit(String action, long id) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE action = :action"
                        + " AND target = :target ORDER BY id DESC LIMIT 1")
                .bind("action", action).bind("target", "schedule:" + id).mapTo(String.class).findOne()
                .orElseThrow(() -> new AssertionError("no " + action + " audit record for schedule " + id)));
    }
}
