package vn.loa.streamer.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecodeSummaryTest {

    @Test
    void aCleanDecodeOfTheDeclaredLengthPasses() {
        assertThatCode(() -> new DecodeSummary(10_000, 10_025, 0, null).check(10_031)).doesNotThrowAnyException();
        assertThatCode(() -> new DecodeSummary(10_000, 10_000, 0, null).check(0)).doesNotThrowAnyException();
    }

    @Test
    void nothingDecodedIsCorrupt() {
        assertRejected(new DecodeSummary(0, 0, 2, "[mp3] Header missing"), 10_000, MediaRejection.CORRUPT,
                "first: [mp3] Header missing");
    }

    @Test
    void moreThanTheToleratedDecoderErrorsIsCorrupt() {
        int limit = DecodeSummary.MAX_DECODE_ERRORS;
        assertThatCode(() -> new DecodeSummary(10_000, 10_000, limit, "x").check(10_000)).doesNotThrowAnyException();
        assertRejected(new DecodeSummary(10_000, 10_000, limit + 1, "x"), 10_000, MediaRejection.CORRUPT,
                (limit + 1) + " errors");
    }

    @Test
    void aHoleInTheTimelineIsCorruptOnlyPastBothTheShareAndTheTolerance() {
        // 3.4 s skipped in a 10 s timeline.
        assertRejected(new DecodeSummary(6_600, 10_000, 0, null), 10_000, MediaRejection.CORRUPT,
                "3.4 s of it could not be decoded");
        // Within 5 % of a long timeline, or within a second of a short one: padding and priming, not damage.
        long longTimeline = 100_000;
        long withinShare = (long) (longTimeline * DecodeSummary.MAX_GAP_SHARE);
        assertThatCode(() -> new DecodeSummary(longTimeline - withinShare, longTimeline, 0, null).check(longTimeline))
                .doesNotThrowAnyException();
        assertThatCode(() -> new DecodeSummary(9_000, 10_000, 0, null).check(10_000)).doesNotThrowAnyException();
    }

    @Test
    void endingWellBeforeTheDeclaredDurationIsTruncated() {
        assertRejected(new DecodeSummary(5_000, 5_000, 1, null), 10_000, MediaRejection.TRUNCATED,
                "declares 10.0 s but the audio ends after 5.0 s");
        // At 90 % of the declared duration it is accepted, and so is a second short of a short file.
        assertThatCode(() -> new DecodeSummary(90_000, 90_000, 0, null).check(100_000)).doesNotThrowAnyException();
        assertThatCode(() -> new DecodeSummary(4_000, 4_000, 0, null).check(5_000)).doesNotThrowAnyException();
    }

    private static void assertRejected(DecodeSummary summary, long declared, MediaRejection reason, String text) {
        assertThatThrownBy(() -> summary.check(declared)).isInstanceOfSatisfying(MediaRejectedException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(text);
                });
    }
}
