package vn.loa.streamer.receiver;

import java.time.Instant;

/**
 * When something happens to a receiver: monotonic nanos (for timeouts), wall-clock time (for reports) and how
 * many packets the stream had sent by then (so a receiver's own count needs no per-packet work).
 */
public record Moment(long nanos, Instant wall, long streamPacketsSent) {
}
