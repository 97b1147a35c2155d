package vn.loa.controller.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import vn.loa.controller.testing.ApiClient.Response;

/**
 * A real HTTP client that behaves as the console does in a browser: signs in, keeps the session cookie the login
 * sets (never the token) and sends the CSRF token in {@code X-CSRF-Token} with requests that change something.
 */
public final class CookieClient {
    public static final String COOKIE_NAME = "loa_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final int port;
    private final String sessionToken;
    private final String csrfToken;

    private CookieClient(int port, String sessionToken, String csrfToken) {
        this.port = port;
        this.sessionToken = sessionToken;
        this.csrfToken = csrfToken;
    }

    /** Signs in; fails the test unless the login succeeds and sets the session cookie. */
    public static CookieClient login(int port, String username, String password) {
        Response login = new ApiClient(port, null).post("/api/login", Map.of("username", username, "password", password));
        if (login.status() != 200) {
            throw new AssertionError("login as " + username + " failed: " + login);
        }
        String token = cookieValue(login.header("Set-Cookie"))
                .orElseThrow(() -> new AssertionError("no session cookie in " + login.headers()));
        return new CookieClient(port, token, login.json().get("csrfToken").asText());
    }

    /** The value of the session cookie in a {@code Set-Cookie} header, if it sets that cookie. */
    public static Optional<String> cookieValue(String setCookie) {
        String prefix = COOKIE_NAME + "=";
        if (setCookie == null || !setCookie.startsWith(prefix)) {
            return Optional.empty();
        }
        int end = setCookie.indexOf(';');
        return Optional.of(setCookie.substring(prefix.length(), end < 0 ? setCookie.length() : end));
    }

    public String sessionToken() {
        return sessionToken;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** The same session, sending {@code otherCsrfToken} (null: none) instead of its own. */
    public CookieClient withCsrfToken(String otherCsrfToken) {
        return new CookieClient(port, sessionToken, otherCsrfToken);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    /** Sends {@code body} (null for none) as JSON with the cookie and, unless null, the CSRF token. */
    public Response send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Cookie", COOKIE_NAME + "=" + sessionToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(ApiClient.toJson(body), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrfToken != null) {
            request.header(CSRF_HEADER, csrfToken);
        }
        return ApiClient.send(request.build());
    }
}
