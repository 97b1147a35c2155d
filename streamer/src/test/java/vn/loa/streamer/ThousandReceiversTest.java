package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One stream fanned out to a thousand joined receivers on loopback: every one gets every packet, in order. */
class ThousandReceiversTest extends StreamerTestBase {
    private static final int RECEIVERS = 1_000;
    private static final int FRAMES = 25;

    @Test
    void everyReceiverGetsEveryPacketOfAShortStream() throws Exception {
        Broadcast crowd = broadcast("crowd", 60);
        RtpStream stream = crowd.stream;
        List<UdpPeer> speakers = new ArrayList<>(RECEIVERS);
        for (int i = 0; i < RECEIVERS; i++) {
            UdpPeer speaker = peer();
            speaker.join(crowd.token("dev-" + i), crowd.port());
            speakers.add(speaker);
        }
        Eventually.await(WAIT, () -> stream.receiverCount() == RECEIVERS,
                () -> RECEIVERS + " receivers latched, not " + stream.receiverCount());
        assertThat(speakers.stream().map(UdpPeer::address).distinct()).hasSize(RECEIVERS);

        crowd.source.addFrames(FRAMES);
        crowd.source.endWhenDrained();
        events.await("ended crowd", WAIT);

        for (UdpPeer speaker : speakers) {
            List<UdpPeer.Arrival> packets = speaker.receiveRtp(FRAMES, Duration.ofSeconds(1));
            assertThat(packets).extracting(UdpPeer.Arrival::payloadText).as("what %s received", speaker.address())
                    .isEqualTo(frameNames(FRAMES));
            emptySlots(packets, 60);
        }
        assertThat(crowd.counters().packetsSent()).isEqualTo((long) RECEIVERS * FRAMES);
        assertThat(crowd.counters().joinsAccepted()).isEqualTo(RECEIVERS);
        assertThat(crowd.counters().channelErrors()).isZero();
    }
}
