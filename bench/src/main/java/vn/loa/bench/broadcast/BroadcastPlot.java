package vn.loa.bench.broadcast;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The share of speakers playing against the time since the API call: the emergency after its start, the commune
 * broadcasts after the emergency's end, with the two targets drawn as corners the curve must pass above.
 */
final class BroadcastPlot {
    static final int WIDTH = 1000;
    static final int HEIGHT = 640;

    private BroadcastPlot() {
    }

    /** {@code resume} null: the emergency never ended, its curve is not drawn. */
    static void write(TimeToPlay emergency, TimeToPlay resume, TimeToPlay floorEmergency, Path png)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Province-wide emergency over " + emergency.speakers() + " speakers")
                .xAxisTitle("ms since the API call").yAxisTitle("% of online speakers playing").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0).setXAxisMin(0.0);
        curve(chart, "emergency (after POST)", emergency);
        if (resume != null) {
            curve(chart, "commune broadcast resumed (after DELETE)", resume);
        }
        curve(chart, "floor: emergency (bare broker + streamer, no decision path)", floorEmergency);
        corner(chart, "target: 99 % within 1 s", BroadcastVerdict.TARGET_99_PERCENT_MS, 99);
        corner(chart, "target: 100 % within 2 s", BroadcastVerdict.TARGET_ALL_ONLINE_MS, 100);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void curve(XYChart chart, String name, TimeToPlay times) {
        List<Double> x = new ArrayList<>(List.of(0.0));
        List<Double> y = new ArrayList<>(List.of(0.0));
        double[] sorted = times.sortedMillis();
        for (int i = 0; i < sorted.length; i++) {
            x.add(sorted[i]);
            y.add(100.0 * (i + 1) / times.speakers());
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    private static void corner(XYChart chart, String name, double ms, double percent) {
        XYSeries s = chart.addSeries(name, List.of(0.0, ms, ms), List.of(percent, percent, 0.0));
        s.setMarker(SeriesMarkers.NONE);
    }
}
