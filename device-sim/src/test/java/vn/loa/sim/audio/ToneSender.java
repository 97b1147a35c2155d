package vn.loa.sim.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.protocol.message.PlaySrtp;
import vn.loa.protocol.rtp.JoinPacket;
import vn.loa.protocol.rtp.MalformedPacketException;
import vn.loa.protocol.rtp.NtpTime;
import vn.loa.protocol.rtp.ReceiverReport;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.SenderReport;
import vn.loa.protocol.srtp.SrtcpReceiver;
import vn.loa.protocol.srtp.SrtpKey;
import vn.loa.protocol.srtp.SrtpSender;

/**
 * A test-only streamer: a 440 Hz tone encoded with Concentus, sent as RTP from one UDP socket on 127.0.0.1 to
 * every address a join came from, with an RTCP SR every second. Frame k has RTP timestamp
 * {@code FIRST_TIMESTAMP + k * samplesPerFrame} and wall-clock (NTP) instant {@code start + k * frameMillis}.
 * Sequence numbers and timestamps start just before they wrap. Receiver reports are collected.
 */
public final class ToneSender implements AutoCloseable {
    public static final double TONE_HZ = 440;
    public static final int PAYLOAD_TYPE = 96;
    public static final long SSRC = 0x4C4F4101L;
    static final int FIRST_SEQUENCE = 65_500;
    static final long FIRST_TIMESTAMP = 0xFFFF_FFFFL - 48_000;
    /** A code-3 Opus packet announcing zero frames: no decoder accepts it. */
    static final byte[] INVALID_OPUS = {0x03, 0x00};

    /** A receiver report and the address it came from. */
    /** A receiver report as it arrived, stamped on the wall clock right after the socket returned it. */
    public record Report(SocketAddress from, ReceiverReport report, long arrivalEpochNanos) {
    }

    private final int frameMillis;
    private final int samplesPerFrame;
    private final List<byte[]> frames;
    private final DatagramSocket socket;
    private final Thread receiver;
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor();
    private final List<SocketAddress> joinedFrom = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private final List<Long> senderReportNtp = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile IntPredicate drop = k -> false;
    private volatile IntPredicate holdBack = k -> false;
    private volatile IntPredicate corrupt = k -> false;
    private volatile long holdBackMillis;
    private volatile boolean senderReports = true;
    private volatile boolean answer = true;
    private volatile long startEpochNanos = -1;
    private volatile boolean closed;
    private volatile SrtpKey srtpKey;
    private volatile SrtpSender srtp;
    private volatile SrtcpReceiver srtcp;

    /** Pre-encodes {@code count} frames of the tone; sends nothing until the first join. */
    public ToneSender(int frameMillis, boolean inbandFec, int count) throws IOException {
        this.frameMillis = frameMillis;
        this.samplesPerFrame = 48 * frameMillis;
        this.frames = encodeTone(samplesPerFrame, inbandFec, count);
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(100);
        this.receiver = new Thread(this::receive, "tone-sender");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** Frames whose index matches are never sent. */
    public ToneSender drop(IntPredicate frames) {
        this.drop = frames;
        return this;
    }

    /** Frames whose index matches are sent with an invalid Opus packet as their payload. */
    public ToneSender corrupt(IntPredicate frames) {
        this.corrupt = frames;
        return this;
    }

    /** Frames whose index matches are sent {@code millis} after their time. */
    public ToneSender holdBack(IntPredicate frames, long millis) {
        this.holdBack = frames;
        this.holdBackMillis = millis;
        return this;
    }

    public ToneSender withoutSenderReports() {
        this.senderReports = false;
        return this;
    }

    /** Sends SRTP and SRTCP under {@code key}, takes only authentic SRTCP reports, and says so in its orders. */
    public ToneSender withSrtp(SrtpKey key) {
        this.srtpKey = key;
        this.srtp = new SrtpSender(key, SSRC);
        this.srtcp = new SrtcpReceiver(key);
        return this;
    }

    /** Reads joins but never sends anything: a streamer that is not there. */
    public ToneSender silent() {
        this.answer = false;
        return this;
    }

    public PlayOrder order(String streamId, String token, int delayMillis) {
        return order(streamId, token, delayMillis, null);
    }

    /** A play order for this stream that plays it at {@code volume} (null: at the speaker's own settings). */
    public PlayOrder order(String streamId, String token, int delayMillis, Integer volume) {
        return new PlayOrder(streamId, "127.0.0.1", socket.getLocalPort(), token, SSRC, PAYLOAD_TYPE, frameMillis,
                delayMillis, volume, srtpKey == null ? null : new PlaySrtp(srtpKey, FIRST_SEQUENCE));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public List<byte[]> frames() {
        return frames;
    }

    public int samplesPerFrame() {
        return samplesPerFrame;
    }

    public List<SocketAddress> joinedFrom() {
        return joinedFrom;
    }

    public List<String> tokens() {
        return tokens;
    }

    public List<Report> reports() {
        return reports;
    }

    public List<Long> senderReportNtp() {
        return senderReportNtp;
    }

    /** Wall-clock instant (epoch ns) that a 32-bit RTP timestamp of this stream stands for. */
    public long epochNanosOf(long timestamp) {
        long offset = (timestamp - FIRST_TIMESTAMP) & 0xFFFF_FFFFL;
        return startEpochNanos + offset * 1_000_000_000L / 48_000;
    }

    /** Waits until every frame has had its time (held-back ones included). */
    public boolean awaitDone(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends a datagram from the stream's own socket to the first receiver. */
    public void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, joinedFrom.get(0)));
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            long arrival = EpochClock.nowNanos();
            ByteBuffer in = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
            try {
                if (JoinPacket.isJoin(in)) {
                    onJoin(packet.getSocketAddress(), JoinPacket.decode(in));
                } else {
                    if (srtcp != null && !srtcp.unprotect(in)) {
                        throw new AssertionError("the speaker sent a report that is not authentic SRTCP");
                    }
                    for (RtcpPacket p : RtcpPacket.readCompound(in)) {
                        if (p instanceof ReceiverReport rr) {
                            reports.add(new Report(packet.getSocketAddress(), rr, arrival));
                        }
                    }
                }
            } catch (MalformedPacketException e) {
                throw new AssertionError("the speaker sent a malformed datagram: " + e.getMessage(), e);
            }
        }
    }

    private void onJoin(SocketAddress from, String token) {
        tokens.add(token);
        if (joinedFrom.contains(from)) {
            return;
        }
        joinedFrom.add(from);
        if (joinedFrom.size() == 1 && answer) {
            Thread pacer = new Thread(this::pace, "tone-pacer");
            pacer.setDaemon(true);
            pacer.start();
        }
    }

    private void pace() {
        long frameNanos = frameMillis * 1_000_000L;
        long start = EpochClock.nowNanos();
        startEpochNanos = start;
        int framesPerReport = 1000 / frameMillis;
        for (int k = 0; k < frames.size() && !closed; k++) {
            long due = start + k * frameNanos;
            LockSupport.parkNanos(due - EpochClock.nowNanos());
            if (senderReports && k % framesPerReport == 0) {
                sendToAll(senderReport(k, EpochClock.nowNanos()));
            }
            if (drop.test(k)) {
                continue;
            }
            byte[] packet = rtp(k, corrupt.test(k) ? INVALID_OPUS : frames.get(k));
            if (holdBack.test(k)) {
                delayed.schedule(() -> sendToAll(packet), holdBackMillis, TimeUnit.MILLISECONDS);
            } else {
                sendToAll(packet);
            }
        }
        delayed.schedule(done::countDown, holdBackMillis, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code payload} as frame {@code k} (sequence number and timestamp as the k-th frame's) right now. */
    public void sendFrame(int k, byte[] payload) {
        sendToAll(rtp(k, payload));
    }

    private byte[] rtp(int k, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(RtpHeader.SIZE + payload.length);
        new RtpHeader(k == 0, PAYLOAD_TYPE, FIRST_SEQUENCE + k, FIRST_TIMESTAMP + (long) k * samplesPerFrame, SSRC)
                .writeTo(out);
        out.put(payload);
        return srtp == null ? out.array() : srtp.protectRtp(out.array());
    }

    private byte[] senderReport(int k, long nowNanos) {
        long sinceStart = nowNanos - startEpochNanos;
        long timestamp = FIRST_TIMESTAMP + sinceStart * 48_000 / 1_000_000_000L;
        long ntp = NtpTime.fromEpochNanos(nowNanos);
        senderReportNtp.add(ntp);
        SenderReport sr = new SenderReport(SSRC, ntp, timestamp, k, 0);
        ByteBuffer out = ByteBuffer.allocate(sr.size());
        sr.writeTo(out);
        return srtp == null ? out.array() : srtp.protectRtcp(out.array());
    }

    private void sendToAll(byte[] datagram) {
        for (SocketAddress to : joinedFrom) {
            try {
                socket.send(new DatagramPacket(datagram, datagram.length, to));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("tone sender cannot send", e);
                }
            }
        }
    }

    static List<byte[]> encodeTone(int samplesPerFrame, boolean inbandFec, int count) {
        try {
            OpusEncoder encoder = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate(32_000);
            encoder.setUseInbandFEC(inbandFec);
            encoder.setPacketLossPercent(inbandFec ? 10 : 0);
            short[] pcm = new short[samplesPerFrame];
            byte[] out = new byte[1500];
            List<byte[]> encoded = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < samplesPerFrame; i++) {
                    long n = (long) k * samplesPerFrame + i;
                    pcm[i] = (short) (8_000 * Math.sin(2 * Math.PI * TONE_HZ * n / 48_000));
                }
                int length = encoder.encode(pcm, 0, samplesPerFrame, out, 0, out.length);
                encoded.add(Arrays.copyOf(out, length));
            }
            return encoded;
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus cannot encode the test tone", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        delayed.shutdownNow();
        receiver.join(2_000);
        socket.close();
    }
}
