package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.TestAudio;
import vn.loa.sim.Fleet;
import vn.loa.sim.FleetOptions;
import vn.loa.sim.SimulatedSpeaker;

/**
 * The console with simulated speakers on the other side of real MQTT and RTP: the dashboard follows a speaker going
 * offline without reloading, and a live broadcast from the browser's (fake) microphone is heard and decoded by a
 * speaker: the tone the microphone plays comes out of it.
 */
class ConsoleLiveTest {
    static final double MICROPHONE_HZ = 1_000;
    /** How far the decoded tone may be from the microphone's: Opus and the browser's capture keep pitch exactly. */
    static final double TONE_TOLERANCE_HZ = 3;
    /** Most of the decoded tone must be clean: a glitch or concealed frame disturbs a period or two. */
    static final double MIN_STEADY = 0.9;
    /** Audio the test lets the microphone send before stopping. */
    static final Duration ON_AIR = Duration.ofSeconds(3);
    static final Duration SPEAKER_WAIT = Duration.ofSeconds(30);
    static final String LISTENER = "CONSOLE-LIVE-1";
    static final String LEAVER = "CONSOLE-LIVE-2";
    static final String LEAVER_NAME = "Loa nhà văn hoá Phường Bình";

    @TempDir
    static Path dir;
    static ConsoleUnderTest console;
    static Province province;
    static Fleet fleet;
    static Path recordings;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleUnderTest.start(dir, Map.of("provisioning.retry.seconds", "5"),
                TestAudio.toneWav(MICROPHONE_HZ, 1_000));
        province = new Province(console.server, console.admin, "l");
        String csv = "serial,area_code,name,model,latitude,longitude,imei,iccid\n"
                + LISTENER + ",l-a1,Loa chợ Thôn Một,LOA-S4,,,,\n"
                + LEAVER + ",l-b," + LEAVER_NAME + ",LOA-S4,,,,\n";
        assertThat(console.admin.send("POST", "/api/devices/import", csv, "text/csv; charset=utf-8").status())
                .isEqualTo(200);
        recordings = Files.createDirectories(dir.resolve("recordings"));
        fleet = Fleet.create(FleetOptions.builder().serials(List.of(LISTENER, LEAVER))
                .serverUri("tcp://127.0.0.1:" + console.server.broker().mqttPort())
                .provisioningKey(console.server.provisioningKey()).credentialsFile(dir.resolve("credentials.json"))
                .telemetryPeriod(Duration.ofSeconds(2)).provisionRetry(Duration.ofMillis(500)).willDelaySeconds(1)
                .wavDirectory(recordings).build());
        fleet.start();
        assertThat(fleet.awaitConnected(2, SPEAKER_WAIT)).as("speakers online: " + fleet.stats()).isTrue();
        console.signInAsAdmin();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (fleet != null) {
                fleet.close();
            }
        } finally {
            console.close();
        }
    }

    @Test
    void theDashboardShowsASpeakerGoingOfflineWithoutReloading() {
        ConsoleBrowser browser = console.browser;
        browser.open("#/dashboard");
        browser.page("dashboard");
        Poll.until("the server to count both speakers online", SPEAKER_WAIT, () -> onlineInApi() == 2);
        browser.until("the dashboard to count the speakers online", d -> console.text("totals-online").equals("2"));
        int offlineBefore = Integer.parseInt(console.text("totals-offline"));
        browser.script("window.loaSamePage = true;");

        SimulatedSpeaker leaver = fleet.speaker(LEAVER).orElseThrow();
        leaver.powerOff();

        browser.until("the offline count to go up", SPEAKER_WAIT,
                d -> Integer.parseInt(console.text("totals-offline")) == offlineBefore + 1);
        assertThat(console.text("totals-online")).isEqualTo("1");
        WebElement item = browser.until("the activity list to show it", d -> d.findElements(
                        By.cssSelector("[data-testid='activity'] [data-event='device.offline']")).stream()
                .filter(e -> e.getText().contains(LEAVER_NAME) || e.getText().contains(LEAVER)).findFirst()
                .orElse(null));
        assertThat(item.isDisplayed()).isTrue();
        assertThat(browser.script("return window.loaSamePage === true;")).as("the page was not reloaded")
                .isEqualTo(true);
        browser.checkedScreenshot("dashboard-speaker-offline");
    }

    @Test
    void aLiveBroadcastFromTheMicrophoneIsHeardAndDecodedByASpeaker() throws Exception {
        ConsoleBrowser browser = console.browser;
        browser.open("#/live");
        browser.page("live");
        browser.byTestId("target-area-" + province.area("a1")).click();
        new Select(browser.byTestId("live-priority")).selectByValue("NORMAL");
        browser.byTestId("live-start").click();
        browser.byTestId("live-stop");

        String stream = liveStream();
        SimulatedSpeaker listener = fleet.speaker(LISTENER).orElseThrow();
        Poll.until("the speaker to play the live stream", SPEAKER_WAIT, () -> listener.playback()
                .map(p -> p.streamId().equals(stream) && p.playing()).orElse(false));
        double peak = browser.until("the level meter to move", d -> {
            double now = Double.parseDouble(browser.byTestId("live-level").getAttribute("data-peak"));
            return now > 0.1 ? now : null;
        });
        assertThat(peak).isLessThanOrEqualTo(1.0);
        browser.until("the page to count one speaker hearing it", d -> console.text("live-listeners").equals("1"));
        browser.checkedScreenshot("live-on-air");
        long packetsAtStart = listener.playback().orElseThrow().packetsReceived();
        Poll.until(ON_AIR.toSeconds() + " s of audio at the speaker", SPEAKER_WAIT, () -> listener.playback()
                .orElseThrow().packetsReceived() >= packetsAtStart + ON_AIR.toMillis() / 20);

        browser.byTestId("live-stop").click();
        Path wav = recordings.resolve(listener.deviceId() + "-" + stream + ".wav");
        Poll.until("the speaker to close its recording", SPEAKER_WAIT, () -> Files.exists(wav));
        DecodedTone heard = DecodedTone.read(wav);
        assertThat(heard.audibleSeconds()).as("seconds of tone decoded").isGreaterThanOrEqualTo(ON_AIR.toSeconds() - 1);
        assertThat(heard.frequencyHz()).as("decoded tone").isCloseTo(MICROPHONE_HZ, offset(TONE_TOLERANCE_HZ));
        assertThat(heard.steadyShare()).as("share of the tone's periods undisturbed").isGreaterThanOrEqualTo(MIN_STEADY);
    }

    /** The stream of the live broadcast the page started. */
    private static String liveStream() {
        return console.browser.until("the live broadcast on air", d -> {
            for (JsonNode b : console.admin.get("/api/broadcasts?active=true").json().path("items")) {
                JsonNode streams = b.path("onAir").path("streams");
                if ("live".equals(b.path("source").path("type").asText()) && streams.size() > 0) {
                    return streams.get(0).isTextual() ? streams.get(0).asText() : streams.get(0).path("id").asText();
                }
            }
            return null;
        });
    }

    private static int onlineInApi() {
        int online = 0;
        for (JsonNode d : console.admin.get("/api/devices?limit=1000").json().get("items")) {
            online += d.path("online").asBoolean() ? 1 : 0;
        }
        return online;
    }
}
