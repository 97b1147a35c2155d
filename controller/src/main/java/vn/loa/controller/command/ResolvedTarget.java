package vn.loa.controller.command;

import java.util.List;
import java.util.Map;

/**
 * The devices a target reaches for one caller.
 *
 * @param areaOf      the area of each reached device that has one, where the lookup read it (empty otherwise)
 * @param wholeTarget true when the caller's scope covers every device of the target, so one group publish may
 *                    reach them all; false when some group members lie outside the caller's scope
 */
public record ResolvedTarget(CommandTarget target, List<String> deviceIds, Map<String, Long> areaOf,
                             boolean wholeTarget) {

    /** Devices named by the caller, their areas not looked up. */
    public static ResolvedTarget listed(CommandTarget target, List<String> deviceIds) {
        return new ResolvedTarget(target, deviceIds, Map.of(), false);
    }
}
