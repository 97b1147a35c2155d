package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;

/**
 * The console in real headless Chromium against a real server holding a small province: signing in, the language
 * switch, a schedule made through its form, and a checked screenshot of every main page.
 */
class ConsolePagesTest {
    static final String SPEAKER = "console-loa-1";
    /** The speaker whose details and credentials the installer's test changes; no other test looks at it. */
    static final String INSTALLED = "console-loa-3";
    static final String OPERATOR = "van-hanh-xa-an";
    static final String OPERATOR_PASSWORD = "van-hanh-password-1";
    static final String SCHEDULE_NAME = "Bản tin sáng Xã An";

    @TempDir
    static Path dir;
    static ConsoleUnderTest console;
    static Province province;
    static long media;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleUnderTest.start(dir, Map.of(), TestAudio.toneWav(1_000, 1_000));
        province = new Province(console.server, console.admin, "c");
        province.speaker(SPEAKER, "a", Instant.now());
        province.speaker("console-loa-2", "b", Instant.now());
        province.speaker(INSTALLED, "b", Instant.now());
        TestServers.createUser(console.server, OPERATOR, OPERATOR_PASSWORD, Role.OPERATOR, province.area("a"));
        Multipart tone = new Multipart().file("file", "ban-tin-sang.wav", TestAudio.toneWav(440, 2_000))
                .field("title", "Bản tin sáng");
        media = console.admin.sendBytes("POST", "/api/media", tone.bytes(), tone.contentType()).json().get("id")
                .asLong();
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void aWrongPasswordIsRefusedOnThePageAndTheRightOneOpensTheDashboard() {
        console.signedOut();
        console.submitLogin("admin", "not-the-password");
        String error = console.browser.until("the login error", d -> {
            List<String> shown = console.browser.visibleErrorBanners();
            return shown.isEmpty() ? null : shown.get(0);
        });
        assertThat(error).isNotBlank();
        assertThat(console.browser.page("login").isDisplayed()).isTrue();

        console.submitLogin("admin", TestServers.ADMIN_PASSWORD);
        console.browser.page("dashboard");
        assertThat(console.browser.visibleErrorBanners()).isEmpty();
        assertThat(console.browser.byTestId("nav-users").isDisplayed()).as("an admin sees the users page").isTrue();
    }

    @Test
    void theLanguageSwitchTurnsTheLabelsToEnglishAndBack() {
        console.signInAsAdmin();
        String vietnamese = console.text("nav-dashboard");
        try {
            new Select(console.browser.byTestId("language-switch")).selectByValue("en");
            String english = console.browser.until("English labels", d -> {
                String now = console.text("nav-dashboard");
                return now.equals(vietnamese) ? null : now;
            });
            assertThat(english).isEqualTo("Dashboard");
            assertThat(console.browser.page("dashboard").getText()).doesNotContain(vietnamese);
        } finally {
            new Select(console.browser.byTestId("language-switch")).selectByValue("vi");
        }
        console.browser.until("Vietnamese labels again", d -> console.text("nav-dashboard").equals(vietnamese));
    }

    /**
     * An operator of a commune writes a daily programme: picking 22:30 shows the quiet-hours warning before anything
     * is saved; moved to 06:30 it saves, and is then listed on the page and by the API.
     */
    @Test
    void aScheduleMadeInTheFormShowsItsWordsAndWarningsBeforeItIsSaved() {
        console.signIn(OPERATOR, OPERATOR_PASSWORD);
        ConsoleBrowser browser = console.browser;
        browser.open("#/schedules");
        browser.page("schedules");
        browser.byTestId("week-calendar");
        int listed = browser.allByTestId("schedule-item").size();
        browser.byTestId("schedule-new").click();
        browser.fill(browser.byTestId("schedule-name"), SCHEDULE_NAME);
        browser.byTestId("target-area-" + province.area("a")).click();
        new Select(browser.byTestId("schedule-media")).selectByValue(Long.toString(media));
        new Select(browser.byTestId("schedule-recurrence")).selectByValue("daily");
        browser.fill(browser.byTestId("schedule-time"), "22:30");

        String warning = browser.until("the quiet-hours warning", d -> {
            String shown = console.text("schedule-warnings");
            return shown.contains("22:00") ? shown : null;
        });
        assertThat(warning).as("the warning names the quiet hours").contains("05:00");
        String words = browser.until("the recurrence in plain words", d -> {
            String shown = console.text("schedule-words");
            return shown.contains("22:30") ? shown : null;
        });
        assertThat(words).isNotBlank();
        assertThat(schedulesNamed(SCHEDULE_NAME)).as("nothing saved yet").isEmpty();

        browser.fill(browser.byTestId("schedule-time"), "06:30");
        browser.until("the words to follow the new time", d -> console.text("schedule-words").contains("06:30"));
        browser.until("the quiet-hours warning to go", d -> browser.allByTestId("schedule-warnings").stream()
                .noneMatch(w -> w.isDisplayed() && w.getText().contains("22:00")));
        browser.byTestId("schedule-save").click();

        browser.until("the saved schedule in the list", d -> browser.allByTestId("schedule-item").size() == listed + 1
                && browser.allByTestId("schedule-item").stream().anyMatch(e -> e.getText().contains(SCHEDULE_NAME)));
        List<JsonNode> saved = schedulesNamed(SCHEDULE_NAME);
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).toString()).contains("06:30");
        assertThat(browser.visibleErrorBanners()).isEmpty();
        browser.checkedScreenshot("schedules-saved");
    }

    /** A schedule whose item an approver withdrew is marked in the list, so the operator knows it will not play. */
    @Test
    void aScheduleWhoseItemWasWithdrawnIsMarkedInTheList() {
        Multipart tone = new Multipart().file("file", "tin-se-rut.wav", TestAudio.toneWav(523, 1_000))
                .field("title", "Tin sẽ bị rút");
        long item = console.admin.sendBytes("POST", "/api/media", tone.bytes(), tone.contentType()).json().get("id")
                .asLong();
        long schedule = console.admin.post("/api/schedules", Map.of("name", "Lịch có tin bị rút",
                "source", Map.of("type", "media", "media", List.of(item)),
                "targets", Map.of("areas", List.of(province.area("a"))), "areaId", province.area("a"),
                "recurrence", Map.of("repeat", "daily", "at", "07:10", "durationMinutes", 10))).json().get("id")
                .asLong();
        assertThat(console.admin.post("/api/media/" + item + "/reject", Map.of()).status()).isEqualTo(200);

        console.signIn(OPERATOR, OPERATOR_PASSWORD);
        ConsoleBrowser browser = console.browser;
        browser.open("#/schedules");
        browser.page("schedules");
        String mark = browser.until("the withdrawn mark on the schedule", d -> browser.allByTestId("schedule-item")
                .stream()
                .filter(e -> Long.toString(schedule).equals(e.getAttribute("data-schedule-id")))
                .flatMap(e -> e.findElements(ConsoleBrowser.testId("schedule-unapproved")).stream())
                .map(e -> e.getText().trim())
                .filter(text -> !text.isEmpty())
                .findFirst().orElse(null));
        assertThat(mark).isEqualTo("Bản tin đã bị rút, sẽ không phát");
        assertThat(browser.allByTestId("schedule-item").stream()
                .filter(e -> Long.toString(schedule).equals(e.getAttribute("data-schedule-id")))
                .map(WebElement::getText).findFirst().orElseThrow())
                .as("the withdrawn item is still named").contains("Tin sẽ bị rút");
        assertThat(browser.allByTestId("schedule-item").stream()
                .filter(e -> !Long.toString(schedule).equals(e.getAttribute("data-schedule-id")))
                .flatMap(e -> e.findElements(ConsoleBrowser.testId("schedule-unapproved")).stream()))
                .as("schedules of approved items carry no mark").isEmpty();
        browser.script("arguments[0].scrollIntoView({block: 'center'})",
                browser.byTestId("schedule-unapproved"));
        browser.checkedScreenshot("schedules-withdrawn");
        assertThat(console.admin.send("DELETE", "/api/schedules/" + schedule, null, null).status()).isEqualTo(204);
    }

    /**
     * An installer corrects a speaker's details on its page (a position with only one coordinate is refused in the
     * form, nothing saved), then revokes it and lets it provision again, each after a confirmation.
     */
    @Test
    void anInstallerEditsASpeakerThenRevokesItAndLetsItProvisionAgain() {
        console.signInAsAdmin();
        ConsoleBrowser browser = console.browser;
        browser.open("#/speakers/" + INSTALLED);
        browser.page("speakers");
        browser.byTestId("speaker-edit").click();
        WebElement form = browser.byTestId("speaker-form");
        browser.fill(form.findElement(By.name("name")), "Loa chợ Bình");
        browser.fill(form.findElement(By.name("latitude")), "16.8163");
        browser.byTestId("speaker-form-save").click();
        browser.until("the one-coordinate warning",
                d -> browser.visibleErrorBanners().stream().anyMatch(e -> e.contains("kinh độ")));
        assertThat(device(INSTALLED).path("latitude").isNull()).as("nothing saved").isTrue();

        browser.fill(form.findElement(By.name("longitude")), "106.9121");
        browser.fill(form.findElement(By.name("imei")), "356938035643809");
        browser.byTestId("speaker-form-save").click();
        browser.until("the new name on the page", d -> console.text("speaker-name").equals("Loa chợ Bình"));
        JsonNode saved = device(INSTALLED);
        assertThat(saved.get("name").asText()).isEqualTo("Loa chợ Bình");
        assertThat(saved.get("latitude").asDouble()).isEqualTo(16.8163);
        assertThat(saved.get("longitude").asDouble()).isEqualTo(106.9121);
        assertThat(saved.get("imei").asText()).isEqualTo("356938035643809");
        assertThat(saved.get("areaId").asLong()).as("the area is kept").isEqualTo(province.area("b"));

        browser.byTestId("speaker-revoke").click();
        browser.byTestId("confirm-ok").click();
        browser.until("the speaker revoked", d -> "revoked".equals(device(INSTALLED).get("status").asText()));
        browser.byTestId("speaker-reprovision").click();
        browser.byTestId("confirm-ok").click();
        browser.until("the speaker allowed to provision again",
                d -> "active".equals(device(INSTALLED).get("status").asText()));
        assertThat(device(INSTALLED).get("credentialsIssuedAt").isNull()).isTrue();
        assertThat(browser.visibleErrorBanners()).isEmpty();
        browser.checkedScreenshot("speaker-admin");
    }

    static JsonNode device(String id) {
        return console.admin.get("/api/devices/" + id).json();
    }

    /** Every main page, as an admin of the whole installation sees it, rendered without an error. */
    @Test
    void everyMainPageRendersWithoutAnError() {
        console.signInAsAdmin();
        for (String route : List.of("dashboard", "speakers", "speakers/" + SPEAKER, "media", "schedules", "live",
                "broadcasts", "reports", "audit", "users")) {
            String page = route.contains("/") ? route.substring(0, route.indexOf('/')) : route;
            console.browser.open("#/" + route);
            console.browser.page(page);
            console.browser.settled();
            console.browser.checkedScreenshot(route.replace('/', '-'));
        }
    }

    static List<JsonNode> schedulesNamed(String name) {
        List<JsonNode> named = new ArrayList<>();
        console.admin.get("/api/schedules?limit=1000").json().get("items").forEach(s -> {
            if (name.equals(s.path("name").asText())) {
                named.add(s);
            }
        });
        return named;
    }
}
