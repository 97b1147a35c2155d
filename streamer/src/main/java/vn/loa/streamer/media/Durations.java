package vn.loa.streamer.media;

import java.time.Duration;
import java.util.Locale;

/** Durations as an operator reads them in an error message: "4 h 0 min", "12 min 5 s", "3.2 s". */
final class Durations {

    private Durations() {
    }

    static String spoken(Duration duration) {
        return spoken(duration.toMillis());
    }

    static String spoken(long millis) {
        long seconds = millis / 1000;
        if (seconds >= 3600) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        if (seconds >= 60) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
