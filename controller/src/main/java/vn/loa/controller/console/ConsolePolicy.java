package vn.loa.controller.console;

import io.javalin.http.Header;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The security headers of every console file. The Content-Security-Policy allows scripts from the server only,
 * plus the one inline script of index.html, the import map, by the hash of its text computed when the server
 * starts: so the policy cannot drift from the page, and any other inline script or event handler is refused.
 */
public final class ConsolePolicy {
    /** The classpath folder the console is served from, at the root of the site. */
    public static final String DIRECTORY = "/console";
    static final String INDEX = DIRECTORY + "/index.html";
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);

    private ConsolePolicy() {
    }

    /** The headers for console files: strict CSP, no sniffing, no framing, no referrer leaks, always revalidate. */
    public static Map<String, String> headers(ConsoleSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy(importMapHash(readIndex()), settings));
        headers.put(Header.X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "same-origin");
        headers.put("Permissions-Policy", "microphone=(self), camera=(), geolocation=()");
        headers.put(Header.CACHE_CONTROL, "no-cache");
        return headers;
    }

    static String contentSecurityPolicy(String importMapHash, ConsoleSettings settings) {
        String images = "'self' data:" + settings.tileOrigin().map(origin -> " " + origin).orElse("");
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self' '" + importMapHash + "'",
                "style-src 'self'",
                "img-src " + images,
                "connect-src 'self'",
                "media-src 'self' blob:",
                "worker-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    /** The CSP source ({@code 'sha256-...'}) matching the text of the page's import map. */
    static String importMapHash(String indexHtml) {
        Matcher m = IMPORT_MAP.matcher(indexHtml);
        if (!m.find()) {
            throw new IllegalStateException(INDEX + " has no <script type=\"importmap\">");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String readIndex() {
        try (InputStream in = ConsolePolicy.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }
}
