package vn.loa.controller.console;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Obvious breakage in a screenshot: an empty file, one that does not decode as an image, or a page of one flat
 * colour (a blank page, a page that never rendered). A rendered console page has text, borders and badges, so many
 * distinct colours.
 */
final class ScreenshotCheck {
    /** Fewer distinct colours than this is a blank page, not a console page. */
    static final int MIN_COLOURS = 8;

    private ScreenshotCheck() {
    }

    static void requireRendered(Path png) {
        try {
            if (!Files.isRegularFile(png) || Files.size(png) == 0) {
                throw new AssertionError("screenshot " + png + " is missing or empty");
            }
            BufferedImage image = ImageIO.read(png.toFile());
            if (image == null) {
                throw new AssertionError("screenshot " + png + " does not decode as an image");
            }
            int colours = distinctColours(image);
            if (colours < MIN_COLOURS) {
                throw new AssertionError("screenshot " + png + " is nearly one flat colour (" + colours + " colours)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct colours in the image, counted up to {@link #MIN_COLOURS} (enough to tell). */
    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
                if (colours.size() >= MIN_COLOURS) {
                    return colours.size();
                }
            }
        }
        return colours.size();
    }
}
