package vn.loa.bench.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Each heard click's latency against when it was sent, every decoding speaker together, with the p99 target. */
final class LivePlot {
    static final int WIDTH = 1000;
    static final int HEIGHT = 640;

    private LivePlot() {
    }

    static void write(List<HeardClicks.Heard> heard, double targetMillis, int speakers, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Browser microphone to decoded audio, " + speakers + " speakers listening")
                .xAxisTitle("s since the first click measured").yAxisTitle("latency (ms)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setYAxisMin(0.0)
                .setMarkerSize(4);
        double first = heard.stream().mapToDouble(HeardClicks.Heard::sentAtMillis).min().orElse(0);
        double last = heard.stream().mapToDouble(HeardClicks.Heard::sentAtMillis).max().orElse(0);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HeardClicks.Heard h : heard) {
            x.add((h.sentAtMillis() - first) / 1000);
            y.add(h.latencyMillis());
        }
        if (x.isEmpty()) {
            x.add(0.0);
            y.add(0.0);
        }
        chart.addSeries("click heard at a decoding speaker", x, y);
        XYSeries target = chart.addSeries("target: p99 under " + (int) targetMillis + " ms",
                List.of(0.0, (last - first) / 1000), List.of(targetMillis, targetMillis));
        target.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
