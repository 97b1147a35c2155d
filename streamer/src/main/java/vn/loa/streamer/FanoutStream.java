package vn.loa.streamer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.rtp.JoinClaims;
import vn.loa.protocol.rtp.JoinRejection;
import vn.loa.protocol.rtp.MalformedPacketException;
import vn.loa.protocol.rtp.NtpTime;
import vn.loa.protocol.rtp.ReceiverReport;
import vn.loa.protocol.rtp.ReportBlock;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.SenderReport;
import vn.loa.protocol.srtp.SrtpKey;
import vn.loa.protocol.srtp.SrtpSender;
import vn.loa.streamer.pacing.FrameClock;
import vn.loa.streamer.pacing.TickPlan;
import vn.loa.streamer.receiver.Latch;
import vn.loa.streamer.receiver.Moment;
import vn.loa.streamer.receiver.Receiver;
import vn.loa.streamer.receiver.ReceiverTable;
import vn.loa.streamer.source.FrameSource;
import vn.loa.streamer.source.SourceHealth;

/**
 * One stream paced on the streamer's event loop: at each tick it polls the source for the frames that are due,
 * builds each RTP packet once and fans it out to every receiver. Every field but the volatile ones is touched only
 * on the event loop; the public methods hop onto it.
 *
 * <p>Frame slot n carries RTP timestamp {@code first + n * samplesPerFrame} and is due at {@code start + n * frame}.
 * A slot the source has no packet for sends nothing (the next packet carries the marker bit). Slots a late tick skips
 * are not polled: no audio is lost, it plays that much later (receivers conceal the gap), and a source that must stay
 * close to real time (live) keeps its own queue short.
 *
 * <p>A stream with an SRTP key protects each packet and sender report once, before the fan-out, and takes RTCP only
 * from receivers whose SRTCP authenticates.
 */
final class FanoutStream implements RtpStream {
    /** Payload bytes that still fit one 1,500-byte Ethernet frame with IPv4, UDP and RTP headers. */
    static final int MAX_PAYLOAD_BYTES = 1_500 - 20 - 8 - RtpHeader.SIZE;
    static final Set<Integer> FRAME_MILLIS = Set.of(20, 60);
    private static final Logger log = LoggerFactory.getLogger(FanoutStream.class);
    private static final Duration LONGEST_SWEEP = Duration.ofSeconds(1);
    private static final int SWEEPS_PER_TIMEOUT = 10;

    private final String id;
    private final FrameSource source;
    private final long ssrc;
    private final int payloadType;
    private final SrtpKey srtpKey;
    private final SrtpSender srtp;
    private final int frameMillis;
    private final FrameClock clock;
    private final long firstTimestamp;
    private final StreamerContext context;
    private final Channel channel;
    private final EventLoop loop;
    private final ReceiverTable receivers;
    private final Consumer<FanoutStream> onClosed;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>(2);
    private ScheduledFuture<?> nextTick;

    private long nextFrame;
    /** RFC 3711 packet index of the next packet: its low 16 bits are the RTP sequence number. */
    private volatile long nextIndex;
    private boolean markNext = true;
    private boolean warnedOversized;
    private long octetsSent;
    private volatile long packetsSent;
    private volatile SourceHealth health;
    private volatile boolean closed;

    /** @param srtpKey null for plain RTP */
    FanoutStream(String id, FrameSource source, long ssrc, int payloadType, SrtpKey srtpKey, long randomBits,
                 StreamerContext context, Consumer<FanoutStream> onClosed) {
        this.id = id;
        this.source = source;
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.srtpKey = srtpKey;
        this.srtp = srtpKey == null ? null : new SrtpSender(srtpKey, ssrc);
        this.frameMillis = source.frameMillis();
        this.clock = new FrameClock(System.nanoTime(), frameMillis);
        this.firstTimestamp = randomBits & 0xFFFFFFFFL;
        // An SRTP stream starts its sequence below 2^15, so receivers that assume a rollover counter of 0 (ffmpeg fed
        // the SDP) have at least half the sequence space before the first wrap.
        this.nextIndex = randomBits >>> (srtpKey == null ? 48 : 49);
        this.context = context;
        this.channel = context.channel();
        this.loop = channel.eventLoop();
        this.receivers = new ReceiverTable(context.settings().maxReceiversPerStream());
        this.onClosed = onClosed;
        this.health = source.health();
    }

    /** Starts pacing (the first frame is due now), sender reports and the receiver timeout sweep. */
    void start() {
        StreamerSettings settings = context.settings();
        long reportNanos = settings.senderReportInterval().toNanos();
        long sweepNanos = Math.min(settings.receiverTimeout().toNanos() / SWEEPS_PER_TIMEOUT, LONGEST_SWEEP.toNanos());
        loop.execute(() -> {
            timers.add(loop.scheduleAtFixedRate(this::reportToAll, reportNanos, reportNanos, TimeUnit.NANOSECONDS));
            timers.add(loop.scheduleAtFixedRate(this::sweep, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS));
            tick();
        });
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            TickPlan plan = clock.plan(nextFrame, System.nanoTime());
            if (plan.skip() > 0) {
                skip(plan.skip());
            }
            for (int i = 0; i < plan.send(); i++) {
                sendFrame(source.poll());
            }
            followHealth(source.health());
        } catch (RuntimeException e) {
            log.warn("Stream {}: source {} failed; closing the stream", id, source.describe(), e);
            followHealth(SourceHealth.ENDED);
        }
        if (health == SourceHealth.ENDED) {
            closeNow();
            return;
        }
        long delay = Math.max(0, clock.dueNanos(nextFrame) - System.nanoTime());
        nextTick = loop.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
    }

    private void skip(long frames) {
        nextFrame += frames;
        markNext = true;
        context.counters().countFramesSkipped(frames);
        log.debug("Stream {}: pacing ran late, skipped {} frames", id, frames);
    }

    private void sendFrame(byte[] payload) {
        long frame = nextFrame++;
        if (payload != null && payload.length > MAX_PAYLOAD_BYTES) {
            dropOversized(payload.length);
            payload = null;
        }
        if (payload == null || payload.length == 0) {
            markNext = true;
            return;
        }
        RtpHeader header = new RtpHeader(markNext, payloadType, (int) nextIndex,
                firstTimestamp + clock.samplesAtFrame(frame), ssrc);
        nextIndex++;
        markNext = false;
        packetsSent++;
        octetsSent += payload.length;
        if (receivers.size() == 0) {
            return;
        }
        ByteBuf packet = srtp == null ? Packets.rtp(channel.alloc(), header, payload)
                : Packets.srtp(channel.alloc(), srtp, header, payload);
        context.counters().countPacketsSent(Fanout.send(channel, packet, receivers.all()));
    }

    private void dropOversized(int length) {
        context.counters().countOversizedFrame();
        if (!warnedOversized) {
            warnedOversized = true;
            log.warn("Stream {}: source {} yields frames of {} bytes, more than {}; they are dropped", id,
                    source.describe(), length, MAX_PAYLOAD_BYTES);
        }
    }

    private void followHealth(SourceHealth now) {
        if (now != health) {
            health = now;
            context.events().healthChanged(id, now);
        }
    }

    private void reportToAll() {
        if (receivers.size() > 0) {
            sendReport(receivers.all());
        }
    }

    private void sendReport(Iterable<Receiver> targets) {
        long nanos = System.nanoTime();
        long ntp = NtpTime.fromEpochNanos(epochNanos(Instant.now()));
        SenderReport report = new SenderReport(ssrc, ntp, rtpTimestampAt(nanos), packetsSent, octetsSent);
        ByteBuf packet = srtp == null ? Packets.rtcp(channel.alloc(), report)
                : Packets.srtcp(channel.alloc(), srtp, report);
        context.counters().countSenderReportsSent(Fanout.send(channel, packet, targets));
    }

    private void sweep() {
        Moment now = moment();
        for (Receiver silent : receivers.removeSilent(context.settings().receiverTimeout().toNanos(), now.nanos())) {
            context.counters().countTimedOut();
            log.info("Stream {}: device {} at {} silent too long, dropped", id, silent.deviceId(), silent.address());
            context.events().receiverDropped(id, silent.deviceId(), StreamEvents.DROPPED_TIMEOUT);
        }
        receivers.forgetExpiredTokens(now.wall().getEpochSecond());
    }

    /** Applies a join whose token verified for this stream (on the event loop). */
    void join(JoinClaims claims, String token, InetSocketAddress from) {
        if (closed) {
            context.counters().countJoinRejected(JoinRejection.UNKNOWN_STREAM);
            return;
        }
        Latch latch = receivers.latch(claims.deviceId(), token, claims.expiresEpochSecond(), from, moment());
        switch (latch.outcome()) {
            case REPLAYED -> context.counters().countJoinRejected(JoinRejection.REPLAYED);
            case FULL -> {
                context.counters().countReceiverRefused();
                log.debug("Stream {}: refused device {}, the stream has its {} receivers", id, claims.deviceId(),
                        context.settings().maxReceiversPerStream());
            }
            default -> accepted(latch, from);
        }
    }

    private void accepted(Latch latch, InetSocketAddress from) {
        context.counters().countJoinAccepted();
        Receiver displaced = latch.displaced();
        if (displaced != null && !displaced.isStaticListener()) {
            context.events().receiverDropped(id, displaced.deviceId(), StreamEvents.DROPPED_REPLACED);
        }
        if (latch.outcome() != Latch.Outcome.REPEATED) {
            log.debug("Stream {}: device {} latched at {} ({})", id, latch.receiver().deviceId(), from,
                    latch.outcome());
            context.events().receiverJoined(id, latch.receiver().deviceId(), from);
        }
        sendReport(List.of(latch.receiver()));
    }

    /** True if this stream sends to the address (on the event loop). */
    boolean sendsTo(InetSocketAddress address) {
        return receivers.at(address) != null;
    }

    /**
     * Takes an RTCP compound from a receiver of this stream (on the event loop): it is alive, and how it fares. Of an
     * SRTP stream only authentic SRTCP counts. Every compound is counted once: accepted, unauthenticated or malformed.
     */
    void takeRtcp(InetSocketAddress from, ByteBuffer datagram) {
        Receiver receiver = receivers.at(from);
        if (receiver == null) {
            return;
        }
        ByteBuffer compound = datagram;
        if (srtp != null) {
            compound = ByteBuffer.allocate(datagram.remaining()).put(datagram).flip();
            if (!receiver.srtcp(srtpKey).unprotect(compound)) {
                context.counters().countRtcpUnauthenticated();
                log.debug("Stream {}: RTCP from {} is not authentic SRTCP, dropped", id, from);
                return;
            }
        }
        List<RtcpPacket> packets;
        try {
            packets = RtcpPacket.readCompound(compound);
        } catch (MalformedPacketException e) {
            context.counters().countMalformed();
            log.debug("Stream {}: RTCP from {} dropped: {}", id, from, e.getMessage());
            return;
        }
        context.counters().countRtcpAccepted();
        Moment now = moment();
        receiver.heard(now);
        long ntpNow = NtpTime.fromEpochNanos(epochNanos(now.wall()));
        for (RtcpPacket packet : packets) {
            for (ReportBlock block : blocksOf(packet)) {
                if (block.ssrc() == ssrc) {
                    receiver.report(block, ntpNow);
                }
            }
        }
    }

    private static List<ReportBlock> blocksOf(RtcpPacket packet) {
        if (packet instanceof ReceiverReport receiverReport) {
            return receiverReport.blocks();
        }
        return ((SenderReport) packet).blocks();
    }

    private Moment moment() {
        return new Moment(System.nanoTime(), Instant.now(), packetsSent);
    }

    private long rtpTimestampAt(long nanos) {
        return (firstTimestamp + clock.samplesAt(nanos)) & 0xFFFFFFFFL;
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        timers.forEach(timer -> timer.cancel(false));
        if (nextTick != null) {
            nextTick.cancel(false);
        }
        for (Receiver device : receivers.clear()) {
            context.events().receiverDropped(id, device.deviceId(), StreamEvents.DROPPED_STREAM_CLOSED);
        }
        try {
            source.close();
        } catch (RuntimeException e) {
            log.warn("Stream {}: closing source {} failed", id, source.describe(), e);
        }
        onClosed.accept(this);
        log.info("Stream {} ({}) ended after {} packets", id, source.describe(), packetsSent);
        context.events().ended(id);
    }

    private <T> T onLoop(Supplier<T> task) {
        if (loop.inEventLoop()) {
            return task.get();
        }
        return loop.submit(task::get).syncUninterruptibly().getNow();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public long ssrc() {
        return ssrc;
    }

    @Override
    public int payloadType() {
        return payloadType;
    }

    @Override
    public int frameMillis() {
        return frameMillis;
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public SourceHealth health() {
        return health;
    }

    @Override
    public long packetsSent() {
        return packetsSent;
    }

    @Override
    public Optional<SrtpKey> srtp() {
        return Optional.ofNullable(srtpKey);
    }

    @Override
    public long nextPacketIndex() {
        return nextIndex;
    }

    @Override
    public long rtpTimestampNow() {
        return rtpTimestampAt(System.nanoTime());
    }

    @Override
    public void addListener(InetSocketAddress target) {
        if (target.isUnresolved() || target.getPort() == 0) {
            throw new IllegalArgumentException("a listener needs a resolved address and a port: " + target);
        }
        onLoop(() -> {
            if (closed) {
                throw new IllegalStateException("stream " + id + " is closed");
            }
            Receiver listener = receivers.addListener(target, moment());
            if (listener == null) {
                context.counters().countReceiverRefused();
                throw new IllegalStateException("stream " + id + " already has its "
                        + context.settings().maxReceiversPerStream() + " receivers");
            }
            sendReport(List.of(listener));
            return listener;
        });
    }

    @Override
    public boolean removeListener(InetSocketAddress target) {
        return !closed && onLoop(() -> receivers.removeListener(target));
    }

    @Override
    public boolean removeReceiver(String deviceId) {
        return removeReceivers(List.of(deviceId)) == 1;
    }

    @Override
    public int removeReceivers(Collection<String> deviceIds) {
        if (closed || deviceIds.isEmpty()) {
            return 0;
        }
        return onLoop(() -> {
            int count = 0;
            for (String deviceId : deviceIds) {
                if (receivers.removeDevice(deviceId) != null) {
                    context.events().receiverDropped(id, deviceId, StreamEvents.DROPPED_REMOVED);
                    count++;
                }
            }
            return count;
        });
    }

    @Override
    public List<ReceiverStats> receivers() {
        if (closed) {
            return List.of();
        }
        return onLoop(() -> {
            long sent = packetsSent;
            List<ReceiverStats> stats = new ArrayList<>(receivers.size());
            for (Receiver r : receivers.all()) {
                stats.add(new ReceiverStats(r.deviceId(), r.address(), r.since(), r.packetsSent(sent), r.lastHeard(),
                        r.lossShare(), r.cumulativeLost(), r.jitterMillis(), r.rttMillis()));
            }
            return stats;
        });
    }

    @Override
    public int receiverCount() {
        return closed ? 0 : onLoop(receivers::size);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        onLoop(() -> {
            closeNow();
            return null;
        });
    }
}
