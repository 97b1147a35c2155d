package vn.loa.bench.stream;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Nine panels, each Loa 20 ms, Loa 60 ms and GStreamer 20 ms against the receiver count. */
final class StreamPlot {
    private static final int PANEL_WIDTH = 560;
    private static final int PANEL_HEIGHT = 420;
    private static final int COLUMNS = 4;
    private static final List<String> SIDES =
            List.of(StreamVerdict.LOA_20, StreamVerdict.LOA_60, StreamVerdict.GSTREAMER_20);
    private static final List<String> SIDE_LABELS = List.of("Loa 20 ms", "Loa 60 ms", "GStreamer 20 ms");

    private StreamPlot() {
    }

    static void write(List<Map<String, Object>> allRows, Path png) throws IOException {
        List<Map<String, Object>> rows = allRows.stream().filter(StreamVerdict::complete).toList();
        if (rows.isEmpty()) {
            return;
        }
        List<String> sizes = new ArrayList<>();
        rows.forEach(r -> sizes.add(r.get("receivers").toString()));
        List<CategoryChart> panels = List.of(
                panel(rows, sizes, "Sender CPU s per 1,000 packets", "s", 1, StreamVerdict.CPU_PER_1000_PACKETS),
                panel(rows, sizes, "Sender CPU ms per receiver-second of audio", "ms", 1,
                        StreamVerdict.CPU_PER_RECEIVER_SECOND),
                panel(rows, sizes, "Audio sent in real time, %", "%", 100, "realTimeShare"),
                panel(rows, sizes, "Packets on time (within 5 ms), %", "%", 100, "onTimeShare"),
                panel(rows, sizes, "On time vs each receiver's own phase (info), %", "%", 100, "ownPhase",
                        "onTimeShare"),
                panel(rows, sizes, "First copy of a frame: lateness p99 (ms)", "ms", 1, "firstCopyLatenessMs", "p99Ms"),
                panel(rows, sizes, "First-to-last copy of a frame, p99 (ms)", "ms", 1, "frameSpreadMs", "p99Ms"),
                panel(rows, sizes, "Inter-departure jitter (RMS, ms)", "ms", 1, "interDepartureJitterMs"),
                panel(rows, sizes, "Packets lost, %", "%", 100, "lossShare"));

        int rowsOfPanels = (panels.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, rowsOfPanels * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE); // the cells of the last row that no panel fills
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D cell = (Graphics2D) g.create((i % COLUMNS) * PANEL_WIDTH, (i / COLUMNS) * PANEL_HEIGHT,
                    PANEL_WIDTH, PANEL_HEIGHT);
            panels.get(i).paint(cell, PANEL_WIDTH, PANEL_HEIGHT);
            cell.dispose();
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static CategoryChart panel(List<Map<String, Object>> rows, List<String> sizes, String title, String unit,
                                       double scale, String... path) {
        return chart(rows, sizes, title, unit, side -> row -> scale * number(row.get(side), path));
    }

    /** The number at a path of keys inside nested result maps. */
    private static double number(Object result, String... path) {
        Object at = result;
        for (String key : path) {
            at = ((Map<?, ?>) at).get(key);
        }
        return ((Number) at).doubleValue();
    }

    private static CategoryChart chart(List<Map<String, Object>> rows, List<String> sizes, String title, String unit,
                                       Function<String, ToDoubleFunction<Map<String, Object>>> of) {
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("receivers").yAxisTitle(unit).build();
        for (int s = 0; s < SIDES.size(); s++) {
            ToDoubleFunction<Map<String, Object>> field = of.apply(SIDES.get(s));
            chart.addSeries(SIDE_LABELS.get(s), sizes, rows.stream().map(r -> field.applyAsDouble(r)).toList());
        }
        return chart;
    }
}
