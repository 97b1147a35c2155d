package vn.loa.streamer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import vn.loa.protocol.rtp.JoinRejection;

/**
 * Running totals since the streamer started, safe to read from any thread (the controller exposes them as
 * Micrometer meters). Every datagram the streamer drops is counted under exactly one reason.
 */
public final class StreamerCounters {
    private final LongAdder joinsAccepted = new LongAdder();
    private final Map<JoinRejection, LongAdder> joinsRejected = new EnumMap<>(JoinRejection.class);
    private final LongAdder receiversRefused = new LongAdder();
    private final LongAdder malformedDatagrams = new LongAdder();
    private final LongAdder unknownSenderDatagrams = new LongAdder();
    private final LongAdder rtcpReceived = new LongAdder();
    private final LongAdder rtcpUnauthenticated = new LongAdder();
    private final LongAdder receiversTimedOut = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder senderReportsSent = new LongAdder();
    private final LongAdder framesSkipped = new LongAdder();
    private final LongAdder oversizedFrames = new LongAdder();
    private final LongAdder channelErrors = new LongAdder();

    StreamerCounters() {
        for (JoinRejection rejection : JoinRejection.values()) {
            joinsRejected.put(rejection, new LongAdder());
        }
    }

    /** Joins that latched a device (idempotent repeats of a join included). */
    public long joinsAccepted() {
        return joinsAccepted.sum();
    }

    public long joinsRejected(JoinRejection rejection) {
        return joinsRejected.get(rejection).sum();
    }

    public long joinsRejected() {
        return joinsRejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Sound joins and static listeners refused because the stream had its maximum of receivers. */
    public long receiversRefused() {
        return receiversRefused.sum();
    }

    /** Datagrams that could not be read: too short to classify, or broken RTCP from a latched receiver. */
    public long malformedDatagrams() {
        return malformedDatagrams.sum();
    }

    /** RTP or RTCP from an address no stream has latched (dropped unread). */
    public long unknownSenderDatagrams() {
        return unknownSenderDatagrams.sum();
    }

    /** RTCP compound packets accepted from latched receivers. */
    public long rtcpReceived() {
        return rtcpReceived.sum();
    }

    /** RTCP from a latched receiver of an SRTP stream that failed SRTCP authentication or replayed (dropped). */
    public long rtcpUnauthenticated() {
        return rtcpUnauthenticated.sum();
    }

    public long receiversTimedOut() {
        return receiversTimedOut.sum();
    }

    /** RTP datagrams written, one per receiver per frame. */
    public long packetsSent() {
        return packetsSent.sum();
    }

    /** RTCP SR datagrams written, one per receiver per report. */
    public long senderReportsSent() {
        return senderReportsSent.sum();
    }

    /** Frame slots a late tick left empty rather than burst out (RTP time moves on, the audio follows later). */
    public long framesSkipped() {
        return framesSkipped.sum();
    }

    /** Frames a source yielded too large for one datagram (dropped, the slot stays empty). */
    public long oversizedFrames() {
        return oversizedFrames.sum();
    }

    /** Reads or writes the socket refused (logged at debug). */
    public long channelErrors() {
        return channelErrors.sum();
    }

    void countJoinAccepted() {
        joinsAccepted.increment();
    }

    void countJoinRejected(JoinRejection rejection) {
        joinsRejected.get(rejection).increment();
    }

    void countReceiverRefused() {
        receiversRefused.increment();
    }

    void countMalformed() {
        malformedDatagrams.increment();
    }

    void countUnknownSender() {
        unknownSenderDatagrams.increment();
    }

    void countRtcpAccepted() {
        rtcpReceived.increment();
    }

    void countRtcpUnauthenticated() {
        rtcpUnauthenticated.increment();
    }

    void countTimedOut() {
        receiversTimedOut.increment();
    }

    void countPacketsSent(long count) {
        packetsSent.add(count);
    }

    void countSenderReportsSent(long count) {
        senderReportsSent.add(count);
    }

    void countFramesSkipped(long count) {
        framesSkipped.add(count);
    }

    void countOversizedFrame() {
        oversizedFrames.increment();
    }

    void countChannelError() {
        channelErrors.increment();
    }
}
