package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.rtp.RtcpPacket;

/**
 * A static listener at a multicast group (LAN output): sent once per frame, heard by every member of the group.
 * Everything stays on the loopback interface: the streamer sends multicast through it and the members join there.
 */
class MulticastOutputTest extends StreamerTestBase {
    private static final InetAddress GROUP = address("239.255.42.7");
    private static final int FRAMES = 10;
    private static final String LOOPBACK_ADDRESS = "127.0.0.1";

    @Test
    void aMulticastGroupGetsEachPacketOnceAndEveryMemberHearsIt() throws Exception {
        RtpStreamer streamer = start(StreamerSettings.defaults("127.0.0.1", 0, newJoinKey())
                .withMulticast(LOOPBACK_ADDRESS, 1));
        ScriptedSource source = new ScriptedSource(20);
        RtpStream stream = streamer.open("lan", source, StreamOptions.DEFAULT);
        try (MulticastSocket first = member(0); MulticastSocket second = member(first.getLocalPort())) {
            int port = first.getLocalPort();
            stream.addListener(new InetSocketAddress(GROUP, port));
            source.addFrames(FRAMES);
            source.endWhenDrained();

            assertThat(rtpPayloads(first)).isEqualTo(frameNames(FRAMES));
            assertThat(rtpPayloads(second)).isEqualTo(frameNames(FRAMES));
        }
        events.await("ended lan", WAIT);
        assertThat(streamer.counters().packetsSent()).as("one datagram a frame for the whole group")
                .isEqualTo(FRAMES);
    }

    @Test
    void aMulticastInterfaceTheMachineDoesNotHaveIsRefusedAtStart() {
        assertThatThrownBy(() -> start(StreamerSettings.defaults("127.0.0.1", 0, newJoinKey())
                .withMulticast("192.0.2.77", 1))).hasMessageContaining("no network interface has the multicast address");
        assertThatThrownBy(() -> StreamerSettings.defaults("127.0.0.1", 0, newJoinKey()).withMulticast(null, 256))
                .hasMessageContaining("multicastTtl must be within 0..255");
    }

    private static MulticastSocket member(int port) throws IOException {
        MulticastSocket socket = new MulticastSocket(port);
        socket.joinGroup(new InetSocketAddress(GROUP, 0),
                NetworkInterface.getByInetAddress(InetAddress.getByName(LOOPBACK_ADDRESS)));
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /** The payloads of the RTP packets that reach a member, sender reports skipped, until {@link #FRAMES}. */
    private static List<String> rtpPayloads(MulticastSocket member) throws IOException {
        List<String> payloads = new ArrayList<>();
        byte[] buffer = new byte[2048];
        while (payloads.size() < FRAMES) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                member.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the group heard only " + payloads, e);
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            if (!RtcpPacket.isRtcpPacketType(data[1] & 0xFF)) {
                payloads.add(new UdpPeer.Arrival(data, 0, null).payloadText());
            }
        }
        return payloads;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
