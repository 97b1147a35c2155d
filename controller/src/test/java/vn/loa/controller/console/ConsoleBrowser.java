package vn.loa.controller.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Debian Chromium, headless, driven by the Debian ChromeDriver (both named explicitly, so Selenium never
 * downloads anything), with a fake microphone that plays a WAV file in a loop. One per test class: it starts in
 * about a second but is reused by every test of the class.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension WINDOW = new Dimension(1366, 900);
    /** Longest wait for something the page should show; pages load from 127.0.0.1 in well under a second. */
    static final Duration WAIT = Duration.ofSeconds(15);
    /** How long without a finished request before a page counts as settled. */
    static final Duration QUIET = Duration.ofMillis(400);
    /** Where screenshots go: the module's target directory, kept after the run for people to look at. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final String baseUrl;

    private ConsoleBrowser(ChromeDriverService service, ChromeDriver driver, String baseUrl) {
        this.service = service;
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /**
     * @param baseUrl       the console's origin, e.g. {@code http://127.0.0.1:41234}
     * @param workDir       a fresh directory for the browser profile and the microphone's WAV
     * @param microphoneWav what the fake microphone plays (in a loop)
     */
    static ConsoleBrowser start(String baseUrl, Path workDir, byte[] microphoneWav) throws IOException {
        Path wav = Files.write(workDir.resolve("microphone.wav"), microphoneWav);
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile,
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav,
                "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            fitViewport(driver);
            return new ConsoleBrowser(service, driver, baseUrl);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    /** Sizes the window so that the page itself (the screenshot) is {@link #WINDOW}, whatever the frame takes. */
    private static void fitViewport(ChromeDriver driver) {
        @SuppressWarnings("unchecked")
        List<Number> inner = (List<Number>) driver.executeScript("return [window.innerWidth, window.innerHeight]");
        Dimension outer = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(outer.getWidth() + WINDOW.getWidth() - inner.get(0).intValue(),
                outer.getHeight() + WINDOW.getHeight() - inner.get(1).intValue()));
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads a console route, e.g. {@code "#/dashboard"}, or any path of the server, e.g. {@code "/"}. */
    void open(String route) {
        driver.get(baseUrl + (route.startsWith("#") ? "/" + route : route));
    }

    /** The page root {@code [data-page=name]}, once it is shown. */
    WebElement page(String name) {
        return visible(By.cssSelector("[data-page='" + name + "']"));
    }

    /** The element with {@code data-testid=id}, once it is shown. */
    WebElement byTestId(String id) {
        return visible(testId(id));
    }

    /** Every element with {@code data-testid=id} now (none is fine). */
    List<WebElement> allByTestId(String id) {
        return driver.findElements(testId(id));
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    WebElement visible(By locator) {
        return until("a visible " + locator, d -> d.findElements(locator).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Polls the page until {@code condition} gives something other than null or false; fails after {@link #WAIT}. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, WAIT, condition);
    }

    <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.withMessage(() -> "waiting for " + what + " on " + driver.getCurrentUrl() + visibleErrors());
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            save("timed-out-" + what.replaceAll("[^\\p{L}\\p{N}]+", "-"));
            throw e;
        }
    }

    /**
     * Waits until the page has settled: loaded, and no request finished for {@link #QUIET} (the resource timings the
     * page has collected stay the same), so what it fetched on opening is on screen.
     */
    void settled() {
        long[] last = {-1, System.nanoTime()};
        until("the page to stop loading", d -> {
            Number finished = (Number) script("return document.readyState === 'complete'"
                    + " ? performance.getEntriesByType('resource').length : -1;");
            long now = System.nanoTime();
            if (finished.longValue() != last[0]) {
                last[0] = finished.longValue();
                last[1] = now;
                return false;
            }
            return finished.longValue() >= 0 && now - last[1] >= QUIET.toNanos();
        });
    }

    /**
     * Types a value into a text field; a date or time field (whose widget differs by locale) gets its value set and
     * the same input and change events a person's typing fires.
     */
    void fill(WebElement field, String value) {
        String type = field.getAttribute("type");
        if ("time".equals(type) || "date".equals(type)) {
            script("const [field, value] = arguments; field.value = value;"
                    + " field.dispatchEvent(new Event('input', {bubbles: true}));"
                    + " field.dispatchEvent(new Event('change', {bubbles: true}));", field, value);
        } else {
            field.clear();
            field.sendKeys(value);
        }
    }

    Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Texts of the error banners the page shows now. */
    List<String> visibleErrorBanners() {
        return driver.findElements(By.cssSelector(".error-banner")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList();
    }

    private String visibleErrors() {
        List<String> errors = visibleErrorBanners();
        return errors.isEmpty() ? "" : " (error shown: " + errors + ")";
    }

    /**
     * Script errors nobody caught and Content-Security-Policy violations the page logged since the last call: a
     * console that breaks its own CSP (an inline script or style) or throws shows them here, even if it looks fine.
     */
    List<String> scriptProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Uncaught") || m.contains("Content Security Policy")).toList();
    }

    /**
     * Saves the window as {@code target/screenshots/<name>.png} and checks it shows a rendered page: a PNG that
     * decodes, not one flat colour, no error banner on the page and no script problem logged since the last check.
     */
    Path checkedScreenshot(String name) {
        Path file = save(name);
        ScreenshotCheck.requireRendered(file);
        List<String> errors = visibleErrorBanners();
        if (!errors.isEmpty()) {
            throw new AssertionError("screenshot " + file + " shows an error banner: " + errors);
        }
        List<String> problems = scriptProblems();
        if (!problems.isEmpty()) {
            throw new AssertionError("the page behind " + file + " logged script problems: " + problems);
        }
        return file;
    }

    /** Saves the window as {@code target/screenshots/<name>.png}, unchecked (also what a failed wait left behind). */
    private Path save(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
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
