package vn.loa.controller.stream;

import java.time.Duration;
import vn.loa.controller.config.LoaConfig;

/**
 * The streams API's settings.
 *
 * @param publicHost       the address play orders tell devices to join at
 * @param delayMs          playout delay of media and relay streams
 * @param liveDelayMs      playout delay of live streams
 * @param joinTokenSeconds how long a play order's join token is valid
 * @param srtp             whether a stream is SRTP when its creator does not say (broadcasts never do)
 */
public record StreamSettings(String publicHost, int delayMs, int liveDelayMs, int joinTokenSeconds,
                             Duration relaySilenceAfter, Duration relayDeadAfter, boolean srtp) {

    public static StreamSettings from(LoaConfig config) {
        return new StreamSettings(config.rtpPublicHost(), config.streamDelayMs(), config.streamLiveDelayMs(),
                config.joinTokenSeconds(), Duration.ofSeconds(config.relaySilenceSeconds()),
                Duration.ofSeconds(config.relayDeadSeconds()), config.streamSrtp());
    }
}
