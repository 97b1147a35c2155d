package vn.loa.controller.broadcast;

import vn.loa.controller.auth.Role;
import vn.loa.controller.config.LoaConfig;

/**
 * @param emergencyRole   the least role that may send or stop an EMERGENCY broadcast
 * @param resumeWhereLeft a preempted media broadcast resumes where each speaker left it (else where it is now)
 */
public record BroadcastSettings(Role emergencyRole, boolean resumeWhereLeft) {

    public static BroadcastSettings from(LoaConfig config) {
        return new BroadcastSettings(config.broadcastEmergencyRole(), config.broadcastResumeWhereLeft());
    }
}
