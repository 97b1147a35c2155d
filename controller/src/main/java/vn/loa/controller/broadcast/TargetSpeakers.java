package vn.loa.controller.broadcast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.command.ResolvedTarget;
import vn.loa.controller.http.ApiException;

/** The active speakers a broadcast's targets reach for its caller, each with its area (null for none). */
final class TargetSpeakers {
    private static final Logger log = LoggerFactory.getLogger(TargetSpeakers.class);

    private final DeviceTargets targets;

    TargetSpeakers(DeviceTargets targets) {
        this.targets = targets;
    }

    /** For a new broadcast: a target the caller may not see or command is refused (404/409). */
    Map<String, Long> resolve(Caller caller, List<CommandTarget> targetList) {
        Map<String, Long> reached = new LinkedHashMap<>();
        for (CommandTarget target : targetList) {
            addTo(reached, targets.resolve(caller, target, DeviceTargets.COMMANDABLE));
        }
        return reached;
    }

    /** For a broadcast on air: a target that vanished or turned inactive reaches nobody now. */
    Map<String, Long> reachNow(Caller caller, List<CommandTarget> targetList) {
        Map<String, Long> reached = new LinkedHashMap<>();
        for (CommandTarget target : targetList) {
            try {
                addTo(reached, targets.resolve(caller, target, DeviceTargets.COMMANDABLE));
            } catch (ApiException e) {
                log.debug("target {} reaches nobody now: {}", target.label(), e.getMessage());
            }
        }
        return reached;
    }

    private static void addTo(Map<String, Long> reached, ResolvedTarget resolved) {
        for (String id : resolved.deviceIds()) {
            reached.putIfAbsent(id, resolved.areaOf().get(id));
        }
    }
}
