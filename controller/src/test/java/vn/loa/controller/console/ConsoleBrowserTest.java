package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;

/**
 * The harness itself: the headless browser reaches a real server, its fake microphone plays the generated tone,
 * and the screenshot check tells a rendered page from a blank or broken image.
 */
class ConsoleBrowserTest {
    static final double TONE_HZ = 1_000;

    @TempDir
    static Path dir;
    static LoaServer server;
    static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(dir.resolve("server"));
        browser = ConsoleBrowser.start("http://127.0.0.1:" + server.httpPort(),
                Files.createDirectories(dir.resolve("browser")), TestAudio.toneWav(TONE_HZ, 1_000));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void theFakeMicrophonePlaysTheGeneratedTone() {
        browser.open("/api/health");
        // the strongest bin of the microphone's spectrum, from an AnalyserNode fed by getUserMedia
        Object result = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const stream = await navigator.mediaDevices.getUserMedia({audio: true});
                  const context = new AudioContext({sampleRate: 48000});
                  await context.resume();
                  const analyser = context.createAnalyser();
                  analyser.fftSize = 8192;
                  context.createMediaStreamSource(stream).connect(analyser);
                  await new Promise(r => setTimeout(r, 500));
                  const bins = new Float32Array(analyser.frequencyBinCount);
                  analyser.getFloatFrequencyData(bins);
                  let best = 0;
                  for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
                  stream.getTracks().forEach(t => t.stop());
                  await context.close();
                  return {hz: best * context.sampleRate / analyser.fftSize, db: bins[best], state: context.state};
                })().then(done, e => done({error: String(e)}));
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> heard = (Map<String, Object>) result;
        assertThat(heard).doesNotContainKey("error");
        double hz = ((Number) heard.get("hz")).doubleValue();
        assertThat(hz).as("strongest frequency of the fake microphone").isBetween(TONE_HZ - 10, TONE_HZ + 10);
        assertThat(((Number) heard.get("db")).doubleValue()).as("its level (dBFS)").isGreaterThan(-40);
    }

    @Test
    void aRenderedPageMakesACheckedScreenshot() throws Exception {
        browser.open("/api/health");
        Path png = browser.checkedScreenshot("harness-health");
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ConsoleBrowser.WINDOW.getWidth());
        assertThat(image.getHeight()).isEqualTo(ConsoleBrowser.WINDOW.getHeight());
    }

    @Test
    void theScreenshotCheckRefusesBlankAndBrokenImages() throws Exception {
        BufferedImage flat = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        Path flatPng = dir.resolve("flat.png");
        ImageIO.write(flat, "png", flatPng.toFile());
        assertThatThrownBy(() -> ScreenshotCheck.requireRendered(flatPng)).hasMessageContaining("flat colour");

        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertThatThrownBy(() -> ScreenshotCheck.requireRendered(empty)).hasMessageContaining("empty");

        Path garbage = Files.write(dir.resolve("garbage.png"), "not an image".getBytes());
        assertThatThrownBy(() -> ScreenshotCheck.requireRendered(garbage)).hasMessageContaining("does not decode");
    }
}
