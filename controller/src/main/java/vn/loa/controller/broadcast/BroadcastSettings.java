package vn.loa.controller.broadcast;

import java.time.Duration;
import vn.loa.controller.auth.Role;
import vn.loa.controller.config.LoaConfig;

/**
 * @param emergencyRole   the least role that may send or stop an EMERGENCY broadcast
 * @param resumeWhereLeft a preempted media broadcast resumes where each speaker left it (else where it is now)
 * @param liveIdle        how long a live broadcast may go without a microphone before it ends
 */
public record BroadcastSettings(Role emergencyRole, boolean resumeWhereLeft, Duration liveIdle) {

    public static BroadcastSettings from(LoaConfig config) {
        return new BroadcastSettings(config.broadcastEmergencyRole(), config.broadcastResumeWhereLeft(),
                Duration.ofSeconds(config.broadcastLiveIdleSeconds()));
    }
}
