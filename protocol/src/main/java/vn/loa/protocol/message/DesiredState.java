package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import vn.loa.protocol.Ids;
import vn.loa.protocol.codec.InvalidMessageException;

/**
 * Retained on {@code .../desired}: what the device should be, whatever it missed while offline. The device
 * applies it, subscribes to {@code loa/v1/grp/{id}/cmd} for each group (and unsubscribes from the others),
 * and reports {@code version} back as {@code desiredVersion} in its state and telemetry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesiredState(int v, long version, Integer volume, Boolean muted, List<String> groups)
        implements WireMessage {

    public static final int MAX_GROUPS = 64;

    @Override
    public void validate() throws InvalidMessageException {
        Check.version(v);
        Check.range("version", version, 0, Long.MAX_VALUE);
        Check.range("volume", volume, 0, 100);
        Check.required("groups", groups);
        Check.size("groups", groups, MAX_GROUPS);
        for (String g : groups) {
            Check.required("groups[]", g);
            Check.matches("groups[]", g, Ids.GROUP_ID);
        }
    }
}
