package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.pacing.FrameClock;
import vn.loa.streamer.source.SourceHealth;

/** Frames leave on the stream's clock; gaps, stalls and the end of a source behave as the wire contract says. */
class PacingTest extends StreamerTestBase {
    private static final int FRAMES = 100;
    private static final double TOLERANCE = 0.10;

    @Test
    void sixtyMillisecondFramesAreSentEverySixtyMilliseconds() throws Exception {
        assertMeanSpacing(60);
    }

    @Test
    void twentyMillisecondFramesAreSentEveryTwentyMilliseconds() throws Exception {
        assertMeanSpacing(20);
    }

    private void assertMeanSpacing(int frameMillis) throws Exception {
        RtpStreamer streamer = startDefault();
        ScriptedSource source = new ScriptedSource(frameMillis);
        streamer.open("paced", source, StreamOptions.DEFAULT);
        UdpPeer speaker = joined(peer(), streamer, "paced", "dev-1");
        source.addFrames(FRAMES);
        source.endWhenDrained();
        List<UdpPeer.Arrival> packets = receiveUntilEnded(speaker, "paced");

        assertThat(packets).extracting(UdpPeer.Arrival::payloadText).isEqualTo(frameNames(FRAMES));
        long slots = FRAMES - 1 + emptySlots(packets, frameMillis);
        double meanMillis = (packets.get(FRAMES - 1).nanos() - packets.get(0).nanos()) / 1e6 / slots;
        assertThat(meanMillis).as("mean spacing per frame slot").isBetween(frameMillis * (1 - TOLERANCE),
                frameMillis * (1 + TOLERANCE));
    }

    @Test
    void aSourceWithNothingReadySendsNothingButTimeMovesOn() throws Exception {
        RtpStreamer streamer = startDefault();
        ScriptedSource source = new ScriptedSource(60);
        streamer.open("relay", source, StreamOptions.DEFAULT);
        UdpPeer speaker = joined(peer(), streamer, "relay", "dev-1");
        source.addFrames(3);
        source.addGaps(5);
        source.addFrames(3);
        source.endWhenDrained();
        List<UdpPeer.Arrival> packets = receiveUntilEnded(speaker, "relay");

        assertThat(packets).extracting(UdpPeer.Arrival::payloadText).isEqualTo(frameNames(6));
        long skipped = streamer.counters().framesSkipped();
        assertThat(emptySlots(packets, 60)).as("five empty polls, and any slot a late tick skipped")
                .isBetween(5L, 5L + skipped);
        assertThat(emptySlots(packets.subList(2, 4), 60)).isGreaterThanOrEqualTo(5);
        assertThat(packets.get(3).rtp().marker()).as("the first packet after a gap").isTrue();
        assertThat(packets.get(1).rtp().marker()).isFalse();
    }

    @Test
    void aStalledTickCatchesUpWithAFewFramesAndSkipsTheRest() throws Exception {
        RtpStreamer streamer = startDefault();
        ScriptedSource source = new ScriptedSource(20);
        streamer.open("stall", source, StreamOptions.DEFAULT);
        UdpPeer speaker = joined(peer(), streamer, "stall", "dev-1");
        source.addFrames(10);
        source.stallNextPoll(Duration.ofMillis(300));
        source.addFrames(40);
        source.endWhenDrained();
        List<UdpPeer.Arrival> packets = receiveUntilEnded(speaker, "stall");

        assertThat(packets).extracting(UdpPeer.Arrival::payloadText).as("no audio is lost")
                .isEqualTo(frameNames(50));
        long largestJump = 0;
        for (int i = 1; i < packets.size(); i++) {
            largestJump = Math.max(largestJump, emptySlots(packets.subList(i - 1, i + 1), 20));
        }
        assertThat(largestJump).as("a 300 ms stall leaves about 15 slots overdue, 3 are caught up")
                .isGreaterThanOrEqualTo(8);
        assertThat(emptySlots(packets, 20)).isLessThanOrEqualTo(streamer.counters().framesSkipped());
        assertThat(largestBurst(packets, Duration.ofMillis(5))).as("packets within 5 ms")
                .isLessThanOrEqualTo(FrameClock.MAX_FRAMES_PER_TICK + 2);
    }

    /** The most packets that arrived within any window of the given length. */
    private static int largestBurst(List<UdpPeer.Arrival> packets, Duration window) {
        int largest = 0;
        int from = 0;
        for (int to = 0; to < packets.size(); to++) {
            while (packets.get(to).nanos() - packets.get(from).nanos() > window.toNanos()) {
                from++;
            }
            largest = Math.max(largest, to - from + 1);
        }
        return largest;
    }

    @Test
    void anEndedSourceClosesItsStream() throws Exception {
        RtpStreamer streamer = startDefault();
        ScriptedSource source = new ScriptedSource(20);
        streamer.open("bulletin", source, StreamOptions.DEFAULT);
        UdpPeer speaker = joined(peer(), streamer, "bulletin", "dev-1");
        source.addFrames(5);
        source.endWhenDrained();
        assertThat(receiveUntilEnded(speaker, "bulletin")).isNotEmpty();

        events.await("ended bulletin", WAIT);
        assertThat(events.lines()).containsSubsequence("health bulletin ENDED",
                "dropped bulletin dev-1 stream-closed", "ended bulletin");
        assertThat(streamer.stream("bulletin")).isEmpty();
        assertThat(source.isClosed()).isTrue();
    }

    @Test
    void healthChangesAreReported() throws Exception {
        RtpStreamer streamer = startDefault();
        ScriptedSource source = new ScriptedSource(20);
        RtpStream stream = streamer.open("radio", source, StreamOptions.DEFAULT);
        source.health(SourceHealth.SILENT);
        events.await("health radio SILENT", WAIT);
        assertThat(stream.health()).isEqualTo(SourceHealth.SILENT);
        source.health(SourceHealth.PLAYING);
        events.await("health radio PLAYING", WAIT);
    }

    @Test
    void closingAStreamStopsItAndReleasesItsReceivers() throws Exception {
        RtpStreamer streamer = startDefault();
        ScriptedSource source = new ScriptedSource(20);
        RtpStream stream = streamer.open("live", source, StreamOptions.DEFAULT);
        UdpPeer speaker = joined(peer(), streamer, "live", "dev-1");
        stream.close();
        stream.close();

        assertThat(events.lines()).containsSubsequence("dropped live dev-1 stream-closed", "ended live");
        assertThat(events.lines()).filteredOn(line -> line.startsWith("ended")).hasSize(1);
        assertThat(streamer.streams()).isEmpty();
        assertThat(source.isClosed()).isTrue();
        source.addFrames(3);
        assertThat(speaker.receiveRtp(Duration.ofMillis(200))).isNull();
        RtpStream again = streamer.open("live", new ScriptedSource(60), StreamOptions.DEFAULT);
        assertThat(again.frameMillis()).as("the id is free again").isEqualTo(60);
    }
}
