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
        Broadcast paced = broadcast("paced", frameMillis);
        List<UdpPeer.Arrival> packets = paced.playToEnd(FRAMES, paced.speaker("dev-1"));

        assertThat(packets).extracting(UdpPeer.Arrival::payloadText).isEqualTo(frameNames(FRAMES));
        long slots = FRAMES - 1 + emptySlots(packets, frameMillis);
        double meanMillis = (packets.get(FRAMES - 1).nanos() - packets.get(0).nanos()) / 1e6 / slots;
        assertThat(meanMillis).as("mean spacing per frame slot").isBetween(frameMillis * (1 - TOLERANCE),
                frameMillis * (1 + TOLERANCE));
    }

    @Test
    void aSourceWithNothingReadySendsNothingButTimeMovesOn() throws Exception {
        Broadcast relay = broadcast("relay", 60);
        UdpPeer speaker = relay.speaker("dev-1");
        relay.source.addFrames(3);
        relay.source.addGaps(5);
        List<UdpPeer.Arrival> packets = relay.playToEnd(3, speaker);

        assertThat(packets).extracting(UdpPeer.Arrival::payloadText).isEqualTo(frameNames(6));
        long skipped = relay.counters().framesSkipped();
        assertThat(emptySlots(packets, 60)).as("five empty polls, and any slot a late tick skipped")
                .isBetween(5L, 5L + skipped);
        assertThat(emptySlots(packets.subList(2, 4), 60)).isGreaterThanOrEqualTo(5);
        assertThat(packets.get(3).rtp().marker()).as("the first packet after a gap").isTrue();
        assertThat(packets.get(1).rtp().marker()).isFalse();
    }

    @Test
    void aFrameTooLargeForOneDatagramIsDroppedAndCounted() throws Exception {
        Broadcast big = broadcast("big", 60);
        UdpPeer speaker = big.speaker("dev-1");
        big.source.add(new byte[FanoutStream.MAX_PAYLOAD_BYTES]);
        big.source.add(new byte[FanoutStream.MAX_PAYLOAD_BYTES + 1]);
        List<UdpPeer.Arrival> packets = big.playToEnd(1, speaker);

        assertThat(packets).extracting(UdpPeer.Arrival::payloadLength).containsExactly(FanoutStream.MAX_PAYLOAD_BYTES,
                "frame-0".length());
        assertThat(packets.get(0).data()).hasSize(1_500 - 20 - 8);
        assertThat(packets.get(1).rtp().marker()).as("the packet after the dropped frame").isTrue();
        assertThat(big.counters().oversizedFrames()).isEqualTo(1);
    }

    @Test
    void aStalledTickCatchesUpWithAFewFramesAndSkipsTheRest() throws Exception {
        Broadcast stall = broadcast("stall", 20);
        UdpPeer speaker = stall.speaker("dev-1");
        stall.source.addFrames(10);
        stall.source.stallNextPoll(Duration.ofMillis(300));
        List<UdpPeer.Arrival> packets = stall.playToEnd(40, speaker);

        assertThat(packets).extracting(UdpPeer.Arrival::payloadText).as("no audio is lost")
                .isEqualTo(frameNames(50));
        long largestJump = 0;
        for (int i = 1; i < packets.size(); i++) {
            largestJump = Math.max(largestJump, emptySlots(packets.subList(i - 1, i + 1), 20));
        }
        assertThat(largestJump).as("a 300 ms stall leaves about 15 slots overdue, 3 are caught up")
                .isGreaterThanOrEqualTo(8);
        assertThat(emptySlots(packets, 20)).isLessThanOrEqualTo(stall.counters().framesSkipped());
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
        Broadcast bulletin = broadcast("bulletin", 20);
        assertThat(bulletin.playToEnd(5, bulletin.speaker("dev-1"))).hasSize(5);

        assertThat(events.lines()).containsSubsequence("health bulletin ENDED",
                "dropped bulletin dev-1 stream-closed", "ended bulletin");
        assertThat(bulletin.streamer.stream("bulletin")).isEmpty();
        assertThat(bulletin.source.isClosed()).isTrue();
    }

    @Test
    void healthChangesAreReported() throws Exception {
        Broadcast radio = broadcast("radio", 20);
        radio.source.health(SourceHealth.SILENT);
        events.await("health radio SILENT", WAIT);
        assertThat(radio.stream.health()).isEqualTo(SourceHealth.SILENT);
        radio.source.health(SourceHealth.PLAYING);
        events.await("health radio PLAYING", WAIT);
    }

    @Test
    void closingAStreamStopsItAndReleasesItsReceivers() throws Exception {
        Broadcast live = broadcast("live", 20);
        UdpPeer speaker = live.speaker("dev-1");
        live.stream.close();
        live.stream.close();

        assertThat(events.lines()).containsSubsequence("dropped live dev-1 stream-closed", "ended live");
        assertThat(events.lines()).filteredOn(line -> line.startsWith("ended")).hasSize(1);
        assertThat(live.streamer.streams()).isEmpty();
        assertThat(live.source.isClosed()).isTrue();
        live.source.addFrames(3);
        assertThat(speaker.receiveRtp(Duration.ofMillis(200))).isNull();
        RtpStream again = live.streamer.open("live", new ScriptedSource(60), StreamOptions.DEFAULT);
        assertThat(again.frameMillis()).as("the id is free again").isEqualTo(60);
    }
}
