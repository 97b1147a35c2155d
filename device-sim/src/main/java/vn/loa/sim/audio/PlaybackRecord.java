package vn.loa.sim.audio;

/**
 * One playback of one speaker, as proof of play: what it played, when, how much and how it ended. Times are epoch
 * milliseconds on {@link EpochClock}.
 *
 * @param volume           the play order's volume, or null if it played at the speaker's own settings
 * @param orderedAtMillis  when the play command arrived
 * @param joinedAtMillis   when the first join was sent; null if none was
 * @param firstPacketAtMillis when the first RTP packet of the stream arrived; null if none did
 * @param startedAtMillis  when the first frame was handed to the DAC; null if none was
 * @param endedAtMillis    when the playback ended; null while it lasts
 * @param playedSeconds    frames played from received audio × the frame duration
 * @param concealedSeconds frames concealed in place of missing or late ones × the frame duration
 * @param packetsLost      RTP packets never received (RFC 3550: expected minus received)
 * @param end              why it ended; null while it lasts
 */
public record PlaybackRecord(String streamId, Integer volume, long orderedAtMillis, Long joinedAtMillis,
                             Long firstPacketAtMillis,
                             Long startedAtMillis, Long endedAtMillis,
                             double playedSeconds, double concealedSeconds, long packetsLost, PlaybackEnd end) {
}
