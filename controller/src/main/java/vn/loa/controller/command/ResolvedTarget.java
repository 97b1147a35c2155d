package vn.loa.controller.command;

import java.util.List;

/**
 * The devices a target reaches for one caller.
 *
 * @param wholeTarget true when the caller's scope covers every device of the target, so one group publish may
 *                    reach them all; false when some group members lie outside the caller's scope
 */
public record ResolvedTarget(CommandTarget target, List<String> deviceIds, boolean wholeTarget) {
}
