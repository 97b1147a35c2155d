package vn.loa.controller.tts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.http.ApiException;

/**
 * The espeak-ng program run as a child process. The text goes in on stdin, never on the command line (where any user
 * could read it in the process list, and where a text starting with "-" would be taken for an option). The WAV is
 * written with {@code -w} into a spool file rather than piped from {@code --stdout}: on a pipe espeak-ng cannot seek
 * back to fill in the header's lengths and leaves them at 2^31 bytes, which readers take for a 13-hour file. A program
 * that cannot be started is a 503 naming the package to install; one that fails or overruns its time is a 422.
 */
final class Espeak {
    /** How long {@code espeak-ng --version} may take. */
    static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    /** What of the program's own error output is kept for the log. */
    static final int MAX_ERROR_CHARS = 500;
    static final String PACKAGE = "espeak-ng";
    /** In its banner: "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/...". */
    private static final Pattern VERSION = Pattern.compile("text-to-speech:\\s*(\\d[\\w.+-]{0,40})");

    private static final Logger log = LoggerFactory.getLogger(Espeak.class);

    private final String command;

    /** @param command the program's name on the PATH or its path */
    Espeak(String command) {
        this.command = command;
    }

    /** The synthesiser and its version as it reports them, e.g. {@code espeak-ng 1.51}. */
    String version() {
        Process process = start(List.of(command, "--version"), ProcessBuilder.Redirect.PIPE,
                ProcessBuilder.Redirect.DISCARD);
        try (InputStream out = process.getInputStream()) {
            awaitExit(process, VERSION_TIMEOUT, "report its version");
            String banner = new String(out.readNBytes(MAX_ERROR_CHARS), StandardCharsets.UTF_8);
            Matcher version = VERSION.matcher(banner);
            if (!version.find()) {
                throw failed("did not report its version", banner);
            }
            return PACKAGE + " " + version.group(1);
        } catch (IOException e) {
            throw failed("could not be asked its version", e.getMessage());
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Speaks {@code text} in {@code voice} into {@code wav}; {@code errors} receives what the program complains about.
     */
    void speak(String text, String voice, Path wav, Path errors, Duration timeout) {
        // -b 1: the input is UTF-8, whatever the server's locale
        Process process = start(List.of(command, "-v", voice, "-b", "1", "-w", wav.toString()),
                ProcessBuilder.Redirect.DISCARD, ProcessBuilder.Redirect.to(errors.toFile()));
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the program closed its input early: it has failed, and its exit status and errors say why
                log.debug("{} stopped reading its input: {}", command, e.getMessage());
            }
            awaitExit(process, timeout, "speak the text");
            if (process.exitValue() != 0) {
                throw failed("failed with exit status " + process.exitValue(), errorsOf(errors));
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private Process start(List<String> commandLine, ProcessBuilder.Redirect out, ProcessBuilder.Redirect err) {
        try {
            return new ProcessBuilder(commandLine).redirectOutput(out).redirectError(err).start();
        } catch (IOException e) {
            log.warn("Cannot run the text-to-speech program {}: {}", command, e.getMessage());
            throw new ApiException(503, "text-to-speech needs the " + PACKAGE + " program: install the Debian package "
                    + PACKAGE, Map.of("command", command));
        }
    }

    private void awaitExit(Process process, Duration timeout, String task) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failed("did not " + task + " within " + timeout.toSeconds() + " s", "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw failed("was interrupted", "");
        }
    }

    private ApiException failed(String what, String errors) {
        log.warn("Text-to-speech program {} {}: {}", command, what, errors);
        return new ApiException(422, "the text could not be spoken: " + PACKAGE + " " + what);
    }

    private static String errorsOf(Path errors) {
        try (InputStream in = Files.newInputStream(errors)) {
            return new String(in.readNBytes(MAX_ERROR_CHARS), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(its error output is unreadable: " + e.getMessage() + ")";
        }
    }
}
