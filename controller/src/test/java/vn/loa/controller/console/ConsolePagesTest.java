package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        TestServers.createUser(console.server, "van-hanh-xa-an", "van-hanh-password-1", Role.OPERATOR,
                province.area("a"));
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

    static JsonNode schedules() {
        return console.admin.get("/api/schedules?limit=1000").json().get("items");
    }
}
