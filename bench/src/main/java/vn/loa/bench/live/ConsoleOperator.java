package vn.loa.bench.live;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loa.bench.live.ClickTrack.MicFrame;
import vn.loa.sim.audio.EpochClock;

/**
 * An operator at the console: the Debian Chromium, headless, driven through the Debian ChromeDriver (nothing
 * downloaded), whose fake microphone plays the click track. Signs in, goes live from the live page as a person
 * would, and collects the {@code loa:mic-frame} events the page's microphone dispatches for every frame it sends.
 */
final class ConsoleOperator implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--window-size=1366,900");
    /** Keeps every frame event in the page until the benchmark takes them; installed once per page load. */
    static final String COLLECT_FRAMES = "if (!window.loaBenchFrames) { window.loaBenchFrames = [];"
            + " window.addEventListener('loa:mic-frame',"
            + " e => window.loaBenchFrames.push([e.detail.peak, e.detail.sentAt])); }";

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final String baseUrl;

    private ConsoleOperator(ChromeDriverService service, ChromeDriver driver, String baseUrl) {
        this.service = service;
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Starts the browser with a fresh profile under {@code workDir}; its microphone plays {@code microphoneWav}. */
    static ConsoleOperator start(String baseUrl, Path workDir, byte[] microphoneWav) throws IOException {
        Path wav = Files.write(workDir.resolve("microphone.wav"), microphoneWav);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + Files.createDirectories(workDir.resolve("chromium-profile")),
                "--use-file-for-fake-audio-capture=" + wav);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        try {
            return new ConsoleOperator(service, new ChromeDriver(service, options), baseUrl);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    void signIn(String username, String password) {
        driver.get(baseUrl + "/#/login");
        visible("login-username").sendKeys(username);
        visible("login-password").sendKeys(password);
        visible("login-submit").click();
        waitFor("the dashboard after signing in", By.cssSelector("[data-page='dashboard']"));
    }

    /** Opens the live page, ticks the area in the target picker, picks the priority and presses start. */
    void goLive(long areaId, String priority) {
        driver.get(baseUrl + "/#/live");
        waitFor("the live page", By.cssSelector("[data-page='live']"));
        driver.executeScript(COLLECT_FRAMES);
        visible("target-area-" + areaId).click();
        new Select(visible("live-priority")).selectByValue(priority);
        visible("live-start").click();
        visible("live-stop");
    }

    void stopLive() {
        visible("live-stop").click();
    }

    /** The frames sent since the last call, oldest first. */
    List<MicFrame> takeFrames() {
        List<MicFrame> frames = new ArrayList<>();
        for (Object o : (List<?>) driver.executeScript("return window.loaBenchFrames.splice(0);")) {
            List<?> frame = (List<?>) o;
            frames.add(new MicFrame(((Number) frame.get(0)).doubleValue(), ((Number) frame.get(1)).doubleValue()));
        }
        return frames;
    }

    /**
     * The browser's epoch clock (what {@code sentAt} is read from) minus this JVM's (the speakers'), in ms, read
     * between two readings of ours; {@code uncertainty} is half the time the reading took.
     */
    ClockOffset clockOffset() {
        double before = EpochClock.nowNanos() / 1e6;
        double browser = ((Number) driver.executeScript("return performance.timeOrigin + performance.now();"))
                .doubleValue();
        double after = EpochClock.nowNanos() / 1e6;
        return new ClockOffset(browser - (before + after) / 2, (after - before) / 2);
    }

    record ClockOffset(double millis, double uncertaintyMillis) {
    }

    private WebElement visible(String testId) {
        return waitFor("[data-testid=" + testId + "]", By.cssSelector("[data-testid='" + testId + "']"));
    }

    private WebElement waitFor(String what, By locator) {
        return new WebDriverWait(driver, PAGE_WAIT).withMessage("the console did not show " + what)
                .until(d -> d.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
