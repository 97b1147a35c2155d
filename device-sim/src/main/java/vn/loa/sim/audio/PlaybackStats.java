package vn.loa.sim.audio;

/**
 * What one speaker made of the stream it was last told to play.
 *
 * @param packetsReceived RTP packets from the stream's SSRC, late ones included
 * @param lost            packets never received (RFC 3550: expected minus received)
 * @param late            packets that arrived after their playout instant and were dropped
 * @param concealed       frames played as concealment (FEC from the next packet, else PLC) in place of a missing one
 * @param firstAudioMillis from the play command to the first frame handed to the DAC; null until then
 * @param playoutOffsetMillis median of (instant this speaker played frame T − the fleet's median instant for T on
 *                        the same stream), over the recent sampled frames; null until a sampled frame was played
 * @param playing         true while frames are being played (between playback-started and its end)
 */
public record PlaybackStats(String streamId, long packetsReceived, long lost, long late, long concealed,
                            Long firstAudioMillis, Double playoutOffsetMillis, boolean playing) {
}
