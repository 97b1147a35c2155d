package vn.loa.sim.audio;

import java.util.concurrent.atomic.LongAdder;

/** What the fleet's RTP sockets and decoders dropped, by why. */
final class AudioCounters {
    /** Not from the streamer the speaker joined, or RTP from another SSRC or payload type. */
    final LongAdder strayDatagrams = new LongAdder();
    /** From the streamer but not a well-formed RTP or RTCP packet. */
    final LongAdder malformedDatagrams = new LongAdder();
    /** From the streamer of an SRTP stream but not authentic (wrong key, tampered, replayed). */
    final LongAdder unauthenticDatagrams = new LongAdder();
    /** RTP payloads Concentus could not decode; concealed in their place. */
    final LongAdder undecodableFrames = new LongAdder();
}
