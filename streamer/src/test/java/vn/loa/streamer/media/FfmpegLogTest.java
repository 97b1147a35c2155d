package vn.loa.streamer.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log;

import ch.qos.logback.classic.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.testlog.LogCapture;

class FfmpegLogTest {

    private final LogCapture log = LogCapture.of("ffmpeg");

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void errorsDuringCountedWorkAreTalliedForThatThreadOnly() throws Exception {
        FfmpegLog.install();
        FfmpegLog.ErrorTally tally = new FfmpegLog.ErrorTally();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            FfmpegLog.countingErrors(tally, () -> {
                av_log(null, AV_LOG_ERROR, "first damage\n");
                av_log(null, AV_LOG_WARNING, "only a warning\n");
                other.submit(() -> av_log(null, AV_LOG_ERROR, "another thread's damage\n")).get();
                av_log(null, AV_LOG_ERROR, "second damage\n");
                return null;
            });
        } finally {
            other.shutdown();
        }
        av_log(null, AV_LOG_ERROR, "after the work\n");

        assertThat(tally.count()).isEqualTo(2);
        assertThat(tally.first()).isEqualTo("first damage");
        assertThat(log.messages()).containsExactly("first damage",
                "only a warning", "another thread's damage", "second damage", "after the work");
        // Damage in a counted upload is the upload's problem (debug); an error nobody counts is the server's (warn).
        assertThat(log.levels()).containsExactly(Level.DEBUG, Level.DEBUG,
                Level.WARN, Level.DEBUG, Level.WARN);
    }
}
