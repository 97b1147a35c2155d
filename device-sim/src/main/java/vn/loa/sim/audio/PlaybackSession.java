package vn.loa.sim.audio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.protocol.rtp.JoinPacket;
import vn.loa.protocol.rtp.MalformedPacketException;
import vn.loa.protocol.rtp.NtpTime;
import vn.loa.protocol.rtp.ReceiverReport;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.SenderReport;

/**
 * One speaker playing one stream: its own UDP socket sends the join to the streamer (again every second until
 * RTP arrives), receives RTP and RTCP from that address only, buffers and plays frames on the playout clock and
 * sends a receiver report every five seconds, which also keeps the streamer's latch alive. Everything but
 * {@link #stop} and the read-only views runs on its {@link AudioLoop}'s thread.
 */
public final class PlaybackSession {
    static final Duration JOIN_RESEND = Duration.ofSeconds(1);
    /** No RTP this long after the join (or after the last packet) ends the playback. */
    static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(PlaybackSession.class);

    private final String deviceId;
    private final PlayOrder order;
    private final InetSocketAddress streamer;
    private final DatagramChannel channel;
    private final AudioLoop loop;
    private final PlaybackListener listener;
    private final boolean decodes;
    private final AudioCounters counters;
    private final long commandEpochNanos;
    private final long receiverSsrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private final WrapAround timestamps = new WrapAround(32);
    private final ReceptionStats reception;
    private final Playout playout;
    private final PlayoutSamples samples;
    private final Playout.Dac dac = new Dac();

    private OpusPlayer player; // released when the playback ends: a fleet may keep thousands of ended sessions
    private long lastJoinNanos;
    private long firstRtpNanos = -1;
    private long lastRtpNanos;
    private long nextReportNanos;

    private volatile boolean closed;
    private volatile boolean started;
    private volatile long packetsReceived;
    private volatile long lost;
    private volatile long late;
    private volatile long concealed;
    private volatile long overflow;
    private volatile Long firstAudioMillis;

    /**
     * @param player null for a speaker that only accounts packets and timing
     * @param commandEpochNanos when the play command arrived: first-audio time is measured from it
     */
    PlaybackSession(String deviceId, PlayOrder order, InetSocketAddress streamer, DatagramChannel channel,
                    AudioLoop loop, PlaybackListener listener, OpusPlayer player, AudioCounters counters,
                    long delayMillis, long commandEpochNanos) {
        this.deviceId = deviceId;
        this.order = order;
        this.streamer = streamer;
        this.channel = channel;
        this.loop = loop;
        this.listener = listener;
        this.player = player;
        this.decodes = player != null;
        this.counters = counters;
        this.commandEpochNanos = commandEpochNanos;
        int samplesPerFrame = Audio.samplesPerFrame(order.frameMs());
        this.reception = new ReceptionStats(Audio.SAMPLE_RATE, commandEpochNanos);
        this.playout = new Playout(Audio.SAMPLE_RATE, samplesPerFrame, delayMillis * 1_000_000,
                AudioLoop.TICK_NANOS);
        this.samples = new PlayoutSamples(samplesPerFrame, order.frameMs());
    }

    public String deviceId() {
        return deviceId;
    }

    public String streamId() {
        return order.stream();
    }

    DatagramChannel channel() {
        return channel;
    }

    /** Where this speaker's RTP socket is bound. */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    public boolean closed() {
        return closed;
    }

    /** Sampled playout instants, for the fleet's playout offsets and for tests. */
    public PlayoutSamples samples() {
        return samples;
    }

    /** Ends the playback from any thread; the listener hears of it (and the socket closes) on the loop thread. */
    public void stop(PlaybackEnd why) {
        loop.execute(() -> close(why));
    }

    PlaybackStats stats(Double playoutOffsetMillis) {
        return new PlaybackStats(order.stream(), packetsReceived, lost, late, concealed, firstAudioMillis,
                playoutOffsetMillis, started && !closed);
    }

    /** Frames dropped because the jitter buffer was full (the sender ran far ahead of the playout clock). */
    long overflow() {
        return overflow;
    }

    /** True if this speaker decodes what it plays (rather than only accounting packets and timing). */
    boolean decodes() {
        return decodes;
    }

    // ---- on the loop thread ---------------------------------------------------------------------------

    void begin(long nowNanos) {
        sendJoin(nowNanos);
    }

    void onDatagram(ByteBuffer in, SocketAddress from, long nowNanos) {
        if (closed) {
            return;
        }
        if (!streamer.equals(from) || JoinPacket.isJoin(in) || in.remaining() < 2) {
            counters.strayDatagrams.increment();
            return;
        }
        try {
            if (RtcpPacket.isRtcpPacketType(in.get(in.position() + 1) & 0xFF)) {
                onRtcp(RtcpPacket.readCompound(in), nowNanos);
            } else {
                onRtp(RtpHeader.readFrom(in), in, nowNanos);
            }
        } catch (MalformedPacketException e) {
            counters.malformedDatagrams.increment();
            log.debug("{}: malformed datagram from the streamer: {}", deviceId, e.getMessage());
        }
        publishCounts();
    }

    private void onRtcp(List<RtcpPacket> packets, long nowNanos) {
        for (RtcpPacket packet : packets) {
            if (packet instanceof SenderReport sr && sr.ssrc() == order.ssrc()) {
                playout.sync(timestamps.extend(sr.rtpTimestamp()), NtpTime.toEpochNanos(sr.ntpTimestamp()));
                reception.onSenderReport(sr.ntpTimestamp(), nowNanos);
            }
        }
    }

    private void onRtp(RtpHeader header, ByteBuffer payload, long nowNanos) {
        if (header.ssrc() != order.ssrc() || header.payloadType() != order.pt()) {
            counters.strayDatagrams.increment();
            return;
        }
        if (firstRtpNanos < 0) {
            firstRtpNanos = nowNanos;
            nextReportNanos = nowNanos + REPORT_INTERVAL.toNanos();
        }
        lastRtpNanos = nowNanos;
        long timestamp = timestamps.extend(header.timestamp());
        reception.onPacket(header.sequence(), timestamp, nowNanos);
        byte[] frame = new byte[payload.remaining()];
        payload.get(frame);
        playout.offer(timestamp, frame, nowNanos);
    }

    /** Plays what is due and keeps time; false once the playback has ended. */
    boolean tick(long nowNanos) {
        if (closed) {
            return false;
        }
        playout.playDue(nowNanos, dac);
        if (firstRtpNanos < 0) {
            if (nowNanos - commandEpochNanos >= SILENCE_TIMEOUT.toNanos()) {
                close(PlaybackEnd.NO_AUDIO);
            } else if (nowNanos - lastJoinNanos >= JOIN_RESEND.toNanos()) {
                sendJoin(nowNanos);
            }
        } else if (nowNanos - lastRtpNanos >= SILENCE_TIMEOUT.toNanos()) {
            close(started ? PlaybackEnd.SOURCE_SILENT : PlaybackEnd.NO_AUDIO);
        } else if (!playout.synced() && nowNanos - firstRtpNanos >= SILENCE_TIMEOUT.toNanos()) {
            close(PlaybackEnd.NO_SENDER_REPORT);
        } else if (nowNanos >= nextReportNanos) {
            sendReport(nowNanos);
            nextReportNanos = nowNanos + REPORT_INTERVAL.toNanos();
        }
        publishCounts();
        return !closed;
    }

    void close(PlaybackEnd why) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("{}: closing the RTP socket: {}", deviceId, e.getMessage());
        }
        playout.clear();
        if (player != null) {
            try {
                player.close();
            } catch (IOException e) {
                log.warn("{}: cannot finish the WAV recording of {}: {}", deviceId, order.stream(), e.getMessage());
            }
            player = null;
        }
        log.debug("{}: playback of {} ended: {}", deviceId, order.stream(), why.detail());
        listener.ended(order.stream(), why);
    }

    private void sendJoin(long nowNanos) {
        lastJoinNanos = nowNanos;
        send(ByteBuffer.wrap(JoinPacket.encode(order.token())));
    }

    private void sendReport(long nowNanos) {
        ReceiverReport report = new ReceiverReport(receiverSsrc, List.of(reception.reportBlock(order.ssrc(), nowNanos)));
        ByteBuffer out = ByteBuffer.allocate(report.size());
        report.writeTo(out);
        send(out.flip());
    }

    private void send(ByteBuffer datagram) {
        try {
            channel.send(datagram, streamer);
        } catch (IOException e) {
            log.warn("{}: cannot send to the streamer {}: {}", deviceId, streamer, e.getMessage());
            close(PlaybackEnd.SOCKET_ERROR);
        }
    }

    private void publishCounts() {
        packetsReceived = reception.received();
        lost = reception.lost();
        late = playout.late();
        concealed = playout.concealed();
        overflow = playout.overflow();
    }

    /** Where due frames go: decoded (if this speaker decodes), timed and counted. */
    private final class Dac implements Playout.Dac {
        @Override
        public void play(long timestamp, byte[] frame, long nowNanos) {
            handed(timestamp, nowNanos);
            if (player != null) {
                player.play(frame);
            }
        }

        @Override
        public void conceal(long timestamp, byte[] next, long nowNanos) {
            handed(timestamp, nowNanos);
            if (player != null) {
                player.conceal(next);
            }
        }

        private void handed(long timestamp, long nowNanos) {
            samples.played(timestamp, nowNanos);
            if (!started) {
                started = true;
                firstAudioMillis = (nowNanos - commandEpochNanos) / 1_000_000;
                listener.started(order.stream());
            }
        }
    }
}
