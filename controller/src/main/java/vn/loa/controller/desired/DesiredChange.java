package vn.loa.controller.desired;

import java.util.List;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.protocol.message.DesiredState;
import vn.loa.protocol.message.WireMessage;
import vn.loa.protocol.codec.InvalidMessageException;

/** The fields of a desired state to set; null fields keep their current value. */
public record DesiredChange(Integer volume, Boolean muted) {
    /** Changes nothing but the version: republishes the state, for example with new groups. */
    public static final DesiredChange NONE = new DesiredChange(null, null);

    /** Reads {@code {"volume"?, "muted"?}} with the wire contract's ranges; at least one must be given. */
    public static DesiredChange fromJson(JsonBody body) {
        DesiredChange change = new DesiredChange(body.integer("volume"), body.bool("muted"));
        if (change.equals(NONE)) {
            throw ApiException.badRequest("give volume and/or muted", null);
        }
        try {
            new DesiredState(WireMessage.VERSION, 0, change.volume(), change.muted(), List.of()).validate();
        } catch (InvalidMessageException e) {
            throw ApiException.badRequest(e.getMessage(), null);
        }
        return change;
    }
}
