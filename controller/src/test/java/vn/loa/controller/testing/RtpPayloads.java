package vn.loa.controller.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import vn.loa.protocol.rtp.RtpHeader;

/** What a stream sends a static listener, measured: Opus payloads of speech or a tone are far larger than silence. */
public final class RtpPayloads {
    /** An Opus packet of 60 ms of speech or a tone at 32 kbit/s is a couple of hundred bytes; of silence, a handful. */
    public static final int AUDIBLE_PACKET_BYTES = 60;

    private RtpPayloads() {
    }

    /**
     * Aims the stream at a UDP socket of the test (through {@code admin}, who may add listeners) and returns the mean
     * payload size of the next {@code packets} RTP packets (RTCP is skipped); fails when one takes longer than
     * {@code wait}.
     */
    public static double averageBytesHeard(ApiClient admin, String streamId, int packets, Duration wait)
            throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout((int) wait.toMillis());
            assertThat(admin.post("/api/streams/" + streamId + "/listeners",
                    Map.of("host", "127.0.0.1", "port", socket.getLocalPort())).status()).isEqualTo(201);
            byte[] buffer = new byte[1500];
            long bytes = 0;
            for (int received = 0; received < packets; ) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("only " + received + " RTP packets arrived", e);
                }
                int type = buffer[1] & 0xFF;
                if (type < 200 || type > 204) {
                    bytes += packet.getLength() - RtpHeader.SIZE;
                    received++;
                }
            }
            return (double) bytes / packets;
        }
    }
}
