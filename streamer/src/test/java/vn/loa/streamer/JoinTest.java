package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.rtp.JoinPacket;
import vn.loa.protocol.rtp.JoinRejection;
import vn.loa.protocol.rtp.JoinTokens;
import vn.loa.protocol.rtp.RtpHeader;

/** Joins over real UDP: who gets latched, who does not, and what arrives once latched. */
class JoinTest extends StreamerTestBase {

    @Test
    void aJoinLatchesTheSenderAndPacketsArriveInOrderWithTheStreamsHeader() throws Exception {
        RtpStreamer streamer = startDefault();
        ScriptedSource source = new ScriptedSource(60);
        RtpStream stream = streamer.open("news", source, new StreamOptions(111, 0x1234_5678L));
        UdpPeer speaker = peer();
        speaker.join(token(streamer, "news", "dev-1"), streamer.port());
        events.await("joined news dev-1 " + speaker.address().getPort(), WAIT);

        source.addFrames(10);
        source.endWhenDrained();
        List<UdpPeer.Arrival> packets = receiveUntilEnded(speaker, "news");

        assertThat(packets).extracting(UdpPeer.Arrival::payloadText).isEqualTo(frameNames(10));
        assertThat(packets.get(0).rtp().marker()).as("the first packet of a talkspurt").isTrue();
        for (UdpPeer.Arrival packet : packets) {
            RtpHeader header = packet.rtp();
            assertThat(header.payloadType()).isEqualTo(111);
            assertThat(header.ssrc()).isEqualTo(0x1234_5678L).isEqualTo(stream.ssrc());
        }
        assertThat(emptySlots(packets, 60)).isLessThanOrEqualTo(streamer.counters().framesSkipped());
        assertThat(streamer.counters().joinsAccepted()).isEqualTo(1);
        assertThat(streamer.counters().packetsSent()).isEqualTo(10);
    }

    @Test
    void receiverStatsCountThePacketsSentToEachReceiver() throws Exception {
        Broadcast count = broadcast("count", 60);
        UdpPeer early = count.speaker("dev-1");
        count.source.addFrames(3);
        early.receiveRtpThrough(2, WAIT);
        long sentBeforeLateJoin = count.stream.packetsSent();
        UdpPeer late = count.speaker("dev-2");
        count.source.addFrames(2);
        assertThat(late.receiveRtpThrough(4, WAIT)).hasSize((int) (count.stream.packetsSent() - sentBeforeLateJoin));
        assertThat(count.stream.receivers()).extracting(ReceiverStats::deviceId, ReceiverStats::packetsSent)
                .containsExactly(tuple("dev-1", count.stream.packetsSent()),
                        tuple("dev-2", count.stream.packetsSent() - sentBeforeLateJoin));
    }

    @Test
    void joinsThatMustNotLatchAreDroppedAndCountedByReason() throws Exception {
        Broadcast alert = broadcast("alert", 60);
        UdpPeer speaker = peer();
        String speakerToken = alert.token("dev-1");
        alert.join(speaker, speakerToken);

        UdpPeer attacker = peer();
        long now = Instant.now().getEpochSecond();
        JoinTokens otherServer = new JoinTokens(newJoinKey());
        attacker.join(otherServer.issue("alert", "dev-2", now + 600), alert.port());
        attacker.join(tampered(alert.token("dev-2")), alert.port());
        attacker.join(alert.streamer.joinTokens().issue("alert", "dev-2", now - 1), alert.port());
        attacker.join(speakerToken, alert.port());
        attacker.join(token(alert.streamer, "other-stream", "dev-2"), alert.port());
        attacker.join("not-a-token", alert.port());
        attacker.send(new byte[] {'L', 'O', 'A', 'J', 1}, alert.port());
        attacker.send(ByteBuffer.allocate(8).putInt(0x4C4F414A).put((byte) 9).put((byte) 2).put((byte) 'a')
                .put((byte) 'b').array(), alert.port());

        StreamerCounters counters = alert.counters();
        Eventually.await(WAIT, () -> counters.joinsRejected() == 8, () -> "8 joins rejected, not "
                + counters.joinsRejected());
        assertThat(counters.joinsRejected(JoinRejection.FORGED)).isEqualTo(2);
        assertThat(counters.joinsRejected(JoinRejection.EXPIRED)).isEqualTo(1);
        assertThat(counters.joinsRejected(JoinRejection.REPLAYED)).isEqualTo(1);
        assertThat(counters.joinsRejected(JoinRejection.UNKNOWN_STREAM)).isEqualTo(1);
        assertThat(counters.joinsRejected(JoinRejection.MALFORMED)).isEqualTo(3);
        assertThat(counters.joinsAccepted()).isEqualTo(1);

        alert.source.addFrames(5);
        speaker.receiveRtpThrough(4, WAIT);
        assertThat(attacker.receive(QUIET)).as("nothing is ever sent to a rejected joiner").isNull();
        assertThat(alert.stream.receivers()).extracting(ReceiverStats::address).containsExactly(speaker.address());
    }

    private static String tampered(String token) {
        int cut = token.lastIndexOf('.');
        return token.substring(0, cut).replace("dev-2", "dev-3") + token.substring(cut);
    }

    @Test
    void aRepeatedJoinIsHarmlessAndAFreshTokenFromANewSocketMovesTheDevice() throws Exception {
        Broadcast music = broadcast("music", 60);
        UdpPeer first = peer();
        String token = music.token("dev-1");
        first.join(token, music.port());
        first.join(token, music.port());
        Eventually.await(WAIT, () -> music.counters().joinsAccepted() == 2, () -> "both joins accepted");
        assertThat(music.stream.receiverCount()).isEqualTo(1);

        UdpPeer second = music.speaker("dev-1");
        events.await("joined music dev-1 " + second.address().getPort(), WAIT);
        assertThat(music.stream.receivers()).extracting(ReceiverStats::address).containsExactly(second.address());
        assertThat(music.playToEnd(3, second)).extracting(UdpPeer.Arrival::payloadText).isEqualTo(frameNames(3));
        assertThat(first.receiveRtp(Duration.ofMillis(1))).as("the old socket no longer receives").isNull();
        assertThat(events.lines()).filteredOn(line -> line.startsWith("joined")).hasSize(2);
    }

    @Test
    void garbageNeverBreaksTheChannelAndEveryDatagramIsCountedOnce() throws Exception {
        Broadcast fuzz = broadcast("fuzz", 60);
        UdpPeer speaker = fuzz.speaker("dev-1");
        UdpPeer stranger = peer();
        Random random = new Random(7);
        int sent = 0;
        for (int i = 0; i < 600; i++) {
            byte[] garbage = new byte[1 + random.nextInt(1400)];
            random.nextBytes(garbage);
            switch (i % 4) {
                case 0 -> garbage[0] = (byte) 0x80;                   // looks like RTP
                case 1 -> garbage = rtcpLooking(garbage);              // looks like RTCP
                case 2 -> garbage = joinLooking(garbage);              // looks like a join
                default -> { }                                         // anything
            }
            (i % 2 == 0 ? stranger : speaker).send(garbage, fuzz.port());
            sent++;
        }
        assertThat(fuzz.playToEnd(20, speaker)).extracting(UdpPeer.Arrival::payloadText).isEqualTo(frameNames(20));

        StreamerCounters counters = fuzz.counters();
        int expected = sent;
        Eventually.await(WAIT, () -> dropped(counters) == expected,
                () -> "every garbage datagram counted once: " + dropped(counters) + " of " + expected);
        assertThat(counters.joinsAccepted()).isEqualTo(1);
        assertThat(counters.channelErrors()).isZero();
    }

    private static long dropped(StreamerCounters counters) {
        return counters.malformedDatagrams() + counters.unknownSenderDatagrams() + counters.joinsRejected()
                + counters.rtcpReceived();
    }

    private static byte[] rtcpLooking(byte[] garbage) {
        byte[] packet = garbage.length < 4 ? new byte[4] : garbage;
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 201;
        return packet;
    }

    private static byte[] joinLooking(byte[] garbage) {
        byte[] packet = garbage.length < 6 ? new byte[6] : garbage;
        System.arraycopy("LOAJ".getBytes(StandardCharsets.US_ASCII), 0, packet, 0, 4);
        packet[4] = JoinPacket.FORMAT;
        return packet;
    }

    @Test
    void trafficFromAddressesThatNeverJoinedIsDroppedAndCounted() throws Exception {
        Broadcast quiet = broadcast("quiet", 60);
        UdpPeer stranger = peer();
        stranger.send(new byte[] {(byte) 0x81, (byte) 201, 0, 1, 0, 0, 0, 1}, quiet.port());
        stranger.send(new byte[] {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 42}, quiet.port());
        stranger.send(new byte[] {1}, quiet.port());
        StreamerCounters counters = quiet.counters();
        Eventually.await(WAIT, () -> counters.unknownSenderDatagrams() == 2 && counters.malformedDatagrams() == 1,
                () -> "2 unknown-sender and 1 malformed datagram, not " + counters.unknownSenderDatagrams() + " and "
                        + counters.malformedDatagrams());
        assertThat(counters.rtcpReceived()).isZero();
        assertThat(stranger.receive(QUIET)).isNull();
    }

    @Test
    void aStreamRefusesReceiversBeyondItsMaximum() throws Exception {
        Broadcast small = broadcast(start(settings(Duration.ofSeconds(30), Duration.ofSeconds(5), 2)), "small", 60);
        small.speaker("dev-1");
        small.speaker("dev-2");
        UdpPeer third = peer();
        third.join(small.token("dev-3"), small.port());
        Eventually.await(WAIT, () -> small.counters().receiversRefused() == 1, () -> "the third join refused");
        assertThat(third.receive(QUIET)).isNull();
        assertThatThrownBy(() -> small.stream.addListener(peer().address()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2 receivers");
        assertThat(small.counters().receiversRefused()).isEqualTo(2);
        assertThat(small.stream.receiverCount()).isEqualTo(2);
    }

    @Test
    void aRemovedDeviceStopsReceivingAndItsTokenNoLongerLatches() throws Exception {
        Broadcast talk = broadcast("talk", 60);
        UdpPeer speaker = peer();
        String token = talk.token("dev-1");
        talk.join(speaker, token);

        assertThat(talk.stream.removeReceiver("dev-1")).isTrue();
        assertThat(talk.stream.removeReceiver("dev-1")).isFalse();
        events.await("dropped talk dev-1 removed", WAIT);
        speaker.join(token, talk.port());
        Eventually.await(WAIT, () -> talk.counters().joinsRejected(JoinRejection.REPLAYED) == 1,
                () -> "the old token replayed");
        assertThat(talk.stream.receiverCount()).isZero();
    }
}
