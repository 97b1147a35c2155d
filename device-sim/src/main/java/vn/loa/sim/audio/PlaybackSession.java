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
import vn.loa.protocol.Timing;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.protocol.rtp.JoinPacket;
import vn.loa.protocol.rtp.MalformedPacketException;
import vn.loa.protocol.rtp.NtpTime;
import vn.loa.protocol.rtp.ReceiverReport;
import vn.loa.protocol.rtp.ReportBlock;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.SenderReport;

/**
 * One speaker playing one stream as docs/device-protocol.md section 11 says: its own UDP socket sends the join to
 * the streamer (again every second until RTP or a sender report arrives), receives RTP and RTCP from that address
 * only, buffers and plays frames on the playout clock, and sends a receiver report every five seconds from the
 * first join on, which also keeps the streamer's latch alive. Everything but {@link #stop}, {@link #rejoin} and
 * the read-only views runs on its {@link AudioLoop}'s thread.
 */
public final class PlaybackSession {
    static final Duration JOIN_RETRY = Duration.ofSeconds(Timing.JOIN_RETRY_SECONDS);
    /** Nothing from the stream this long after the play command: {@link PlaybackEnd#JOIN_TIMEOUT}. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(Timing.JOIN_TIMEOUT_SECONDS);
    /** Neither RTP nor a sender report this long: {@link PlaybackEnd#STREAM_LOST}. */
    static final Duration STREAM_LOST = Duration.ofSeconds(Timing.STREAM_LOST_SECONDS);
    /** RTP but no sender report this long after the first packet: {@link PlaybackEnd#NO_SENDER_REPORT}. */
    static final Duration SENDER_REPORT_TIMEOUT = Duration.ofSeconds(Timing.JOIN_TIMEOUT_SECONDS);
    static final Duration REPORT_PERIOD = Duration.ofSeconds(Timing.RECEIVER_REPORT_PERIOD_SECONDS);
    /** This many frames in a row that do not decode: {@link PlaybackEnd#DECODER_ERROR} (one second at 20 ms). */
    static final int MAX_UNDECODABLE_IN_A_ROW = 50;
    /** What a speaker that does not decode buffers for a frame: only that it came, not its bytes. */
    private static final byte[] NOT_KEPT = new byte[0];

    private static final Logger log = LoggerFactory.getLogger(PlaybackSession.class);

    private final String deviceId;
    private final PlayOrder order;
    private final InetSocketAddress streamer;
    private final DatagramChannel channel;
    private final AudioLoop loop;
    private final PlaybackListener listener;
    private final PlaybackHistory history;
    private final boolean decodes;
    private final AudioCounters counters;
    private final long commandEpochNanos;
    private final long receiverSsrc = ThreadLocalRandom.current().nextLong(1L << 32);
    /** Null for a plain RTP stream. */
    private final SrtpLink srtp;
    private final WrapAround timestamps = new WrapAround(32);
    private final ReceptionStats reception;
    private final Playout playout;
    private final PlayoutSamples samples;
    private final Playout.Dac dac = new Dac();

    private OpusPlayer player; // released when the playback ends: a fleet may keep thousands of ended sessions
    private String token;
    private long lastJoinNanos;
    /** Written on the loop thread, read by {@link #record()} from others. */
    private volatile long firstRtpNanos = -1;
    private long lastHeardNanos = -1;
    private long nextReportNanos;
    private int undecodableInARow;
    private long played;

    private volatile boolean closed;
    private volatile boolean started;
    private volatile long packetsReceived;
    private volatile long lost;
    private volatile long late;
    private volatile long concealed;
    private volatile long framesPlayed;
    private volatile long overflow;
    private volatile long skipped;
    private volatile Long firstAudioMillis;
    private volatile Long joinedAtMillis;
    private volatile Long startedAtMillis;

    /**
     * @param history where the playback's record goes when it ends
     * @param player null for a speaker that only accounts packets and timing
     * @param commandEpochNanos when the play command arrived: first-audio time is measured from it
     */
    PlaybackSession(String deviceId, PlayOrder order, InetSocketAddress streamer, DatagramChannel channel,
                    AudioLoop loop, PlaybackListener listener, PlaybackHistory history, OpusPlayer player,
                    AudioCounters counters, long delayMillis, long commandEpochNanos) {
        this.deviceId = deviceId;
        this.order = order;
        this.token = order.token();
        this.streamer = streamer;
        this.channel = channel;
        this.loop = loop;
        this.listener = listener;
        this.history = history;
        this.player = player;
        this.decodes = player != null;
        this.counters = counters;
        this.commandEpochNanos = commandEpochNanos;
        int samplesPerFrame = Audio.samplesPerFrame(order.frameMs());
        this.reception = new ReceptionStats(Audio.SAMPLE_RATE, commandEpochNanos);
        this.playout = new Playout(Audio.SAMPLE_RATE, samplesPerFrame, delayMillis * 1_000_000,
                AudioLoop.TICK_NANOS);
        this.samples = new PlayoutSamples(samplesPerFrame, order.frameMs());
        this.srtp = order.srtp() == null ? null : new SrtpLink(order.srtp(), order.ssrc(), receiverSsrc);
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

    /**
     * A fresh play order for this same stream (the server re-issues one with a new token): join again from the
     * same socket with the new token, without interrupting audio that still flows.
     */
    public void rejoin(String freshToken) {
        loop.execute(() -> {
            if (!closed) {
                token = freshToken;
                sendJoin(EpochClock.nowNanos());
            }
        });
    }

    /** Frames handed to the DAC so far, decoded from packets or concealed. */
    public long framesPlayedOrConcealed() {
        return framesPlayed + concealed;
    }

    /** True between the first frame played and the end. */
    public boolean playing() {
        return started && !closed;
    }

    /** Ends the playback from any thread; the listener hears of it (and the socket closes) on the loop thread. */
    public void stop(PlaybackEnd why) {
        loop.execute(() -> close(why));
    }

    PlaybackStats stats(Double playoutOffsetMillis) {
        return new PlaybackStats(order.stream(), packetsReceived, lost, late, concealed, firstAudioMillis,
                playoutOffsetMillis, playing());
    }

    /** This playback so far, as its record will read when it ends; the end is null until then. */
    PlaybackRecord record() {
        return record(null, null);
    }

    /** When the first frame was handed to the DAC (epoch ms); null until then. */
    Long startedAtMillis() {
        return startedAtMillis;
    }

    private PlaybackRecord record(PlaybackEnd end, Long endedAtMillis) {
        double frameSeconds = order.frameMs() / 1000.0;
        return new PlaybackRecord(order.stream(), order.volume(), commandEpochNanos / 1_000_000, joinedAtMillis,
                firstRtpNanos < 0 ? null : firstRtpNanos / 1_000_000,
                startedAtMillis, endedAtMillis,
                framesPlayed * frameSeconds, concealed * frameSeconds, lost, end);
    }

    /** Frames dropped because the jitter buffer was full (the sender ran far ahead of the playout clock). */
    long overflow() {
        return overflow;
    }

    /** Frames received before the first sender report whose instant had passed by then (never played). */
    long skipped() {
        return skipped;
    }

    /** True if this speaker decodes what it plays (rather than only accounting packets and timing). */
    boolean decodes() {
        return decodes;
    }

    // ---- on the loop thread ---------------------------------------------------------------------------

    void begin(long nowNanos) {
        sendJoin(nowNanos);
        nextReportNanos = nowNanos + REPORT_PERIOD.toNanos();
    }

    void onDatagram(ByteBuffer in, SocketAddress from, long nowNanos) {
        if (closed) {
            return;
        }
        if (!streamer.equals(from) || JoinPacket.isJoin(in) || in.remaining() < 2) {
            counters.strayDatagrams.increment();
            return;
        }
        ByteBuffer packet = srtp == null ? in : srtp.open(in);
        if (packet == null) {
            counters.unauthenticDatagrams.increment();
            publishCounts();
            return;
        }
        try {
            if (RtcpPacket.isRtcpPacketType(packet.get(packet.position() + 1) & 0xFF)) {
                onRtcp(RtcpPacket.readCompound(packet), nowNanos);
            } else {
                onRtp(RtpHeader.readFrom(packet), packet, nowNanos);
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
                lastHeardNanos = nowNanos;
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
        }
        lastHeardNanos = nowNanos;
        long timestamp = timestamps.extend(header.timestamp());
        reception.onPacket(header.sequence(), timestamp, nowNanos);
        byte[] frame = NOT_KEPT;
        if (decodes) {
            frame = new byte[payload.remaining()];
            payload.get(frame);
        }
        playout.offer(timestamp, frame, nowNanos);
    }

    /** Plays what is due and keeps time; false once the playback has ended. */
    boolean tick(long nowNanos) {
        if (closed) {
            return false;
        }
        playout.playDue(nowNanos, dac);
        if (closed) {
            return false; // the decoder gave up
        }
        if (lastHeardNanos < 0) {
            if (nowNanos - commandEpochNanos >= JOIN_TIMEOUT.toNanos()) {
                close(PlaybackEnd.JOIN_TIMEOUT);
                return false;
            }
            if (nowNanos - lastJoinNanos >= JOIN_RETRY.toNanos()) {
                sendJoin(nowNanos);
            }
        } else if (nowNanos - lastHeardNanos >= STREAM_LOST.toNanos()) {
            close(PlaybackEnd.STREAM_LOST);
            return false;
        } else if (firstRtpNanos >= 0 && !playout.synced()
                && nowNanos - firstRtpNanos >= SENDER_REPORT_TIMEOUT.toNanos()) {
            close(PlaybackEnd.NO_SENDER_REPORT);
            return false;
        }
        if (nowNanos >= nextReportNanos) {
            sendReport(nowNanos);
            nextReportNanos = nowNanos + REPORT_PERIOD.toNanos();
        }
        publishCounts();
        return !closed;
    }

    void close(PlaybackEnd why) {
        if (closed) {
            return;
        }
        closed = true;
        publishCounts();
        history.ended(this, record(why, EpochClock.nowNanos() / 1_000_000));
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
        if (joinedAtMillis == null) {
            joinedAtMillis = nowNanos / 1_000_000;
        }
        lastJoinNanos = nowNanos;
        send(ByteBuffer.wrap(JoinPacket.encode(token)));
    }

    private void sendReport(long nowNanos) {
        List<ReportBlock> blocks = firstRtpNanos < 0 ? List.of()
                : List.of(reception.reportBlock(order.ssrc(), nowNanos));
        ReceiverReport report = new ReceiverReport(receiverSsrc, blocks);
        ByteBuffer out = ByteBuffer.allocate(report.size());
        report.writeTo(out);
        send(srtp == null ? out.flip() : srtp.seal(out.flip()));
    }

    private void send(ByteBuffer datagram) {
        try {
            channel.send(datagram, streamer);
        } catch (IOException e) {
            log.warn("{}: cannot send to the streamer {}: {}", deviceId, streamer, e.getMessage());
            close(PlaybackEnd.STREAM_LOST);
        }
    }

    /** Makes the counts visible to other threads; writes only what changed (this runs every tick per speaker). */
    private void publishCounts() {
        if (packetsReceived != reception.received()) {
            packetsReceived = reception.received();
            lost = reception.lost();
        }
        if (late != playout.late()) {
            late = playout.late();
        }
        if (concealed != playout.concealed()) {
            concealed = playout.concealed();
        }
        if (overflow != playout.overflow()) {
            overflow = playout.overflow();
        }
        if (skipped != playout.skipped()) {
            skipped = playout.skipped();
        }
        if (framesPlayed != played) {
            framesPlayed = played;
        }
    }

    /** Where due frames go: decoded (if this speaker decodes), timed and counted. */
    private final class Dac implements Playout.Dac {
        @Override
        public void play(long timestamp, byte[] frame, long nowNanos) {
            handed(timestamp, nowNanos);
            played++;
            if (player == null) {
                return;
            }
            undecodableInARow = player.play(frame) ? 0 : undecodableInARow + 1;
            if (undecodableInARow >= MAX_UNDECODABLE_IN_A_ROW) {
                close(PlaybackEnd.DECODER_ERROR);
            }
        }

        @Override
        public void pause(long samples) {
            if (player != null) {
                player.silence(samples);
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
                startedAtMillis = nowNanos / 1_000_000;
                listener.started(order.stream());
            }
        }
    }
}
