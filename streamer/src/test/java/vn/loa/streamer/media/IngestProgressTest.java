package vn.loa.streamer.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.testlog.LogCapture;

class IngestProgressTest {

    private final LogCapture log = LogCapture.of(IngestProgress.class);

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void aLongStepLogsEveryTenthOnceEvenWhenCalledOftenOrInJumps() {
        IngestProgress progress = new IngestProgress("Encoding bulletin.mp3", 600_000);
        for (long done = 0; done <= 300_000; done += 1_000) {
            progress.at(done);
        }
        progress.at(600_000);

        List<String> messages = log.messages();
        assertThat(messages).hasSize(6);
        assertThat(messages.get(0)).isEqualTo("Encoding bulletin.mp3: 10 % (1 min 0 s of 10 min 0 s)");
        assertThat(messages.get(4)).startsWith("Encoding bulletin.mp3: 50 %");
        assertThat(messages.get(5)).isEqualTo("Encoding bulletin.mp3: 100 % (10 min 0 s of 10 min 0 s)");
    }

    @Test
    void aShortOrUnknownLengthStepLogsNothing() {
        IngestProgress shortStep = new IngestProgress("Analysing jingle.wav", IngestProgress.LONG_AUDIO_MILLIS - 1);
        IngestProgress unknown = new IngestProgress("Analysing stream.aac", 0);
        for (long done = 0; done <= IngestProgress.LONG_AUDIO_MILLIS; done += 1_000) {
            shortStep.at(done);
            unknown.at(done);
        }
        assertThat(log.messages()).isEmpty();
    }
}
