package vn.loa.streamer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.loa.protocol.rtp.JoinPacket;
import vn.loa.protocol.rtp.MalformedPacketException;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.SenderReport;

/** A speaker's RTP socket on 127.0.0.1 for tests: sends joins and reports, receives RTP and RTCP. */
final class UdpPeer implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    private final DatagramSocket socket;
    private final List<Arrival> senderReports = new ArrayList<>();

    UdpPeer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One datagram as it arrived. */
    record Arrival(byte[] data, long nanos, Instant wall) {
        boolean isRtcp() {
            return data.length > 1 && RtcpPacket.isRtcpPacketType(data[1] & 0xFF);
        }

        RtpHeader rtp() {
            return header(ByteBuffer.wrap(data));
        }

        String payloadText() {
            ByteBuffer packet = ByteBuffer.wrap(data);
            header(packet);
            return StandardCharsets.US_ASCII.decode(packet).toString();
        }

        /** The number a {@link ScriptedSource} frame carries in its payload. */
        long frameNumber() {
            return Long.parseLong(payloadText().substring("frame-".length()));
        }

        int payloadLength() {
            ByteBuffer packet = ByteBuffer.wrap(data);
            header(packet);
            return packet.remaining();
        }

        private static RtpHeader header(ByteBuffer packet) {
            try {
                return RtpHeader.readFrom(packet);
            } catch (MalformedPacketException e) {
                throw new AssertionError("not RTP: " + e.getMessage());
            }
        }

        SenderReport senderReport() {
            try {
                return (SenderReport) RtcpPacket.readCompound(ByteBuffer.wrap(data)).get(0);
            } catch (MalformedPacketException e) {
                throw new AssertionError("not RTCP: " + e.getMessage());
            }
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(byte[] data, int port) {
        try {
            socket.send(new DatagramPacket(data, data.length, LOOPBACK, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void join(String token, int port) {
        send(JoinPacket.encode(token), port);
    }

    void send(RtcpPacket packet, int port) {
        ByteBuffer out = ByteBuffer.allocate(packet.size());
        packet.writeTo(out);
        send(out.array(), port);
    }

    /** The next datagram, or null if none arrives in time. */
    Arrival receive(Duration timeout) {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.receive(datagram);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long nanos = System.nanoTime();
        Instant wall = Instant.now();
        byte[] data = new byte[datagram.getLength()];
        System.arraycopy(buffer, 0, data, 0, data.length);
        return new Arrival(data, nanos, wall);
    }

    /** The next RTP packet, or null if none arrives in time; sender reports met on the way are kept. */
    Arrival receiveRtp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Arrival arrival = receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (arrival == null) {
                return null;
            }
            if (!arrival.isRtcp()) {
                return arrival;
            }
            senderReports.add(arrival);
            if (System.nanoTime() > deadline) {
                return null;
            }
        }
    }

    /** Exactly {@code count} RTP packets, each within the timeout of the one before; fails otherwise. */
    List<Arrival> receiveRtp(int count, Duration timeout) {
        List<Arrival> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Arrival packet = receiveRtp(timeout);
            if (packet == null) {
                throw new AssertionError("RTP packet " + (i + 1) + " of " + count + " did not arrive within "
                        + timeout);
            }
            packets.add(packet);
        }
        return packets;
    }

    /**
     * RTP packets up to and including the frame with this number (a pacer that skips never skips the last frame it
     * has), each within the timeout of the one before; fails otherwise.
     */
    List<Arrival> receiveRtpThrough(long frameNumber, Duration timeout) {
        List<Arrival> packets = new ArrayList<>();
        while (packets.isEmpty() || packets.get(packets.size() - 1).frameNumber() != frameNumber) {
            Arrival packet = receiveRtp(timeout);
            if (packet == null) {
                throw new AssertionError("frame-" + frameNumber + " did not arrive within " + timeout);
            }
            packets.add(packet);
        }
        return packets;
    }

    /** The next sender report, or null; RTP packets met on the way are dropped. */
    Arrival receiveSenderReport(Duration timeout) {
        if (!senderReports.isEmpty()) {
            return senderReports.remove(0);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Arrival arrival = receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (arrival != null && arrival.isRtcp()) {
                return arrival;
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
