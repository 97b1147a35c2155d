package vn.loa.streamer.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a long ingest step every tenth of the way, so an operator tailing the log sees a 4-hour file move. */
final class IngestProgress {

    /** Steps over audio shorter than this finish too fast to be worth a progress line. */
    static final long LONG_AUDIO_MILLIS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(IngestProgress.class);
    private static final int STEPS = 10;

    private final String step;
    private final long totalMillis;
    private int reportedTenths;

    IngestProgress(String step, long totalMillis) {
        this.step = step;
        this.totalMillis = totalMillis;
    }

    void at(long doneMillis) {
        if (totalMillis < LONG_AUDIO_MILLIS) {
            return;
        }
        int tenths = (int) Math.min(STEPS, doneMillis * STEPS / totalMillis);
        if (tenths > reportedTenths) {
            reportedTenths = tenths;
            LOG.info("{}: {} % ({} of {})", step, tenths * 100 / STEPS, Durations.spoken(doneMillis),
                    Durations.spoken(totalMillis));
        }
    }
}
