package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.sim.audio.PlayoutSamples.Sample;

class PlayoutTimelineTest {
    private static final long MS = 1_000_000;
    private static final long FIRST = 1_700_000_000_000L * MS;

    @Test
    void withoutSampledFramesTheFirstFrameInstantIsTheBase() {
        PlayoutTimeline t = PlayoutTimeline.of(FIRST, 20, List.of());
        assertThat(t.epochNanosOfSample(0)).isEqualTo(FIRST);
        assertThat(t.epochNanosOfSample(48_000)).isEqualTo(FIRST + 1000 * MS);
    }

    @Test
    void sampledHandOffsFixTheBaseBeyondTheFirstFrameMillisecondRounding() {
        long trueBase = FIRST + 700_000;   // the first frame was reported 0.7 ms early (truncated to the ms)
        List<Sample> handed = List.of(
                new Sample(0, trueBase + 25 * 20 * MS + 1 * MS),    // slot 25, handed on a tick 1 ms after due
                new Sample(0, trueBase + 50 * 20 * MS),             // slot 50, on time
                new Sample(0, trueBase + 75 * 20 * MS + 4 * MS));   // slot 75, 4 ms late
        PlayoutTimeline t = PlayoutTimeline.of(FIRST, 20, handed);
        assertThat(t.epochNanosOfSample(0)).isEqualTo(trueBase + 1 * MS);   // the median hand-off lateness
        assertThat(t.epochNanosOfSample(960)).isEqualTo(trueBase + 21 * MS);
    }
}
