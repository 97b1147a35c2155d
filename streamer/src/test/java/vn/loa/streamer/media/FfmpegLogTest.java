package vn.loa.streamer.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FfmpegLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("ffmpeg");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        FfmpegLog.install();
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void errorsDuringCountedWorkAreTalliedForThatThreadOnly() throws Exception {
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
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("first damage",
                "only a warning", "another thread's damage", "second damage", "after the work");
        // Damage in a counted upload is the upload's problem (debug); an error nobody counts is the server's (warn).
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.DEBUG,
                Level.WARN, Level.DEBUG, Level.WARN);
    }
}
