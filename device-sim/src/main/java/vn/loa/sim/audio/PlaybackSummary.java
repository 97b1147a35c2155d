package vn.loa.sim.audio;

/**
 * The fleet's playback at a glance. Percentiles are null when there is nothing to rank.
 *
 * @param sessions            speakers that were told to play (their latest playback each)
 * @param playing             speakers playing now
 * @param decoding            of {@code sessions}, those that decode with Concentus
 * @param lossPercent         lost / (received + lost) × 100 over all speakers
 * @param overflow            frames dropped because a jitter buffer was full
 * @param skippedBeforeFirstReport frames that came before the stream's first sender report and whose instant had
 *                            passed by then (playout starts with the first frame still ahead)
 * @param strayDatagrams      datagrams from elsewhere than the joined streamer, or of another SSRC/payload type
 * @param malformedDatagrams  datagrams from the streamer that were neither RTP nor RTCP
 * @param unauthenticDatagrams datagrams from the streamer of an SRTP stream that failed authentication or replayed
 * @param undecodableFrames   Opus payloads the decoder refused; concealed in their place
 * @param playoutOffsetP50Millis absolute offset from the fleet median playout instant of the same frame
 */
public record PlaybackSummary(int sessions, int playing, int decoding, long packetsReceived, long lost,
                              double lossPercent, long late, long concealed, long overflow,
                              long skippedBeforeFirstReport, long strayDatagrams,
                              long malformedDatagrams, long unauthenticDatagrams, long undecodableFrames,
                              Double firstAudioP50Millis, Double firstAudioP99Millis,
                              Double playoutOffsetP50Millis, Double playoutOffsetP99Millis,
                              Double playoutOffsetMaxMillis) {
}
