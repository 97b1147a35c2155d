package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screenshot check tells a rendered page from a blank, empty or undecodable image. */
class ScreenshotCheckTest {
    @TempDir
    Path dir;

    @Test
    void aFlatColourIsABlankPage() throws Exception {
        Path png = draw("flat.png", false);
        assertThatThrownBy(() -> ScreenshotCheck.requireRendered(png)).hasMessageContaining("flat colour");
    }

    @Test
    void anImageWithTextAndShapesPasses() throws Exception {
        Path png = draw("page.png", true);
        assertThatCode(() -> ScreenshotCheck.requireRendered(png)).doesNotThrowAnyException();
    }

    @Test
    void anEmptyOrUndecodableFileIsBroken() throws Exception {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertThatThrownBy(() -> ScreenshotCheck.requireRendered(empty)).hasMessageContaining("empty");
        Path garbage = Files.write(dir.resolve("garbage.png"), "not an image".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ScreenshotCheck.requireRendered(garbage)).hasMessageContaining("does not decode");
        assertThatThrownBy(() -> ScreenshotCheck.requireRendered(dir.resolve("missing.png")))
                .hasMessageContaining("missing");
    }

    private Path draw(String name, boolean withContent) throws Exception {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 200);
        if (withContent) {
            g.setColor(new Color(0x1f, 0x4e, 0x79));
            g.fillRect(0, 0, 300, 40);
            g.setColor(Color.DARK_GRAY);
            g.drawString("Tổng quan · Dashboard", 20, 80);
            g.setColor(new Color(0x2e, 0x7d, 0x32));
            g.fillOval(20, 100, 30, 30);
        }
        g.dispose();
        Path png = dir.resolve(name);
        ImageIO.write(image, "png", png.toFile());
        return png;
    }
}
