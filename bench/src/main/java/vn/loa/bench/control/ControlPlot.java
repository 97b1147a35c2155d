package vn.loa.bench.control;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Two panels side by side: command latency against the floor, and server memory per speaker. */
final class ControlPlot {
    private static final int PANEL_WIDTH = 800;
    private static final int HEIGHT = 500;

    private ControlPlot() {
    }

    static void write(List<Map<String, Object>> allRows, Path png) throws IOException {
        List<Map<String, Object>> rows = allRows.stream().filter(ControlVerdict::complete).toList();
        if (rows.isEmpty()) {
            return;
        }
        List<String> sizes = new ArrayList<>();
        rows.forEach(r -> sizes.add(r.get("speakers") + " speakers"));

        CategoryChart latency = new CategoryChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
                .title("Area-wide command: time until each result (ms)").xAxisTitle("fleet").yAxisTitle("ms").build();
        latency.addSeries("Loa p50", sizes, column(rows, r -> at(r, "loa", "areaCommand", "p50Ms")));
        latency.addSeries("Loa p99", sizes, column(rows, r -> at(r, "loa", "areaCommand", "p99Ms")));
        latency.addSeries("Loa all", sizes, column(rows, r -> at(r, "loa", "areaCommand", "untilAllResultsMs")));
        latency.addSeries("Mosquitto p50", sizes, column(rows, r -> at(r, "floor", "groupCommand", "p50Ms")));
        latency.addSeries("Mosquitto p99", sizes, column(rows, r -> at(r, "floor", "groupCommand", "p99Ms")));
        latency.addSeries("Mosquitto all", sizes,
                column(rows, r -> at(r, "floor", "groupCommand", "untilAllResultsMs")));

        CategoryChart memory = new CategoryChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
                .title("Server memory per connected speaker (KB)").xAxisTitle("fleet").yAxisTitle("KB").build();
        memory.addSeries("RSS", sizes, column(rows, r -> at(r, "loa", "memory", "rssPerSpeakerKb")));
        memory.addSeries("heap after GC", sizes, column(rows, r -> at(r, "loa", "memory", "heapPerSpeakerKb")));

        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        latency.paint(g, PANEL_WIDTH, HEIGHT);
        g.translate(PANEL_WIDTH, 0);
        memory.paint(g, PANEL_WIDTH, HEIGHT);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static double at(Map<String, Object> row, String side, String section, String field) {
        return ControlVerdict.number(ControlVerdict.map(ControlVerdict.map(row.get(side)).get(section)).get(field));
    }

    private static List<Double> column(List<Map<String, Object>> rows, Function<Map<String, Object>, Double> f) {
        List<Double> values = new ArrayList<>();
        rows.forEach(r -> values.add(f.apply(r)));
        return values;
    }
}
