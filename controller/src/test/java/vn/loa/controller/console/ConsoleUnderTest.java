package vn.loa.controller.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.TestServers;

/**
 * A real server (see {@link TestServers}) with its console open in a headless browser: what a browser test class
 * starts once and shares between its tests. The admin's API client sets up data; the browser does what a user does.
 */
final class ConsoleUnderTest implements AutoCloseable {
    final LoaServer server;
    final ApiClient admin;
    final ConsoleBrowser browser;

    private ConsoleUnderTest(LoaServer server, ConsoleBrowser browser) {
        this.server = server;
        this.admin = TestServers.admin(server);
        this.browser = browser;
    }

    /**
     * @param settings      server settings on top of the test defaults
     * @param microphoneWav what the browser's fake microphone plays
     */
    static ConsoleUnderTest start(Path dir, Map<String, String> settings, byte[] microphoneWav) throws IOException {
        LoaServer server = TestServers.start(dir.resolve("server"), settings, Clock.systemUTC());
        try {
            return new ConsoleUnderTest(server, ConsoleBrowser.start("http://127.0.0.1:" + server.httpPort(),
                    Files.createDirectories(dir.resolve("browser")), microphoneWav));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Shows the login page with no session (any earlier one's cookie is dropped). */
    void signedOut() {
        browser.open("#/login");
        browser.driver().manage().deleteAllCookies();
        browser.driver().navigate().refresh();
        browser.page("login");
    }

    /** Signs in through the login page as a person would, and waits for the dashboard. */
    void signIn(String username, String password) {
        signedOut();
        submitLogin(username, password);
        browser.page("dashboard");
    }

    void signInAsAdmin() {
        signIn("admin", TestServers.ADMIN_PASSWORD);
    }

    /** Fills and submits the login form, whatever comes of it. */
    void submitLogin(String username, String password) {
        browser.byTestId("login-username").clear();
        browser.byTestId("login-username").sendKeys(username);
        browser.byTestId("login-password").clear();
        browser.byTestId("login-password").sendKeys(password);
        browser.byTestId("login-submit").click();
    }

    /** The visible text of the element with this test id. */
    String text(String testId) {
        return browser.byTestId(testId).getText().trim();
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            server.close();
        }
    }
}
