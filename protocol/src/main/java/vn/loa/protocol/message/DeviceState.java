package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import vn.loa.protocol.codec.InvalidMessageException;

/**
 * Retained on {@code .../state}: the birth message a device publishes on connect ({@code online}) and the Will
 * the broker publishes after the Will delay ({@code offline}, other fields absent).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceState(
        int v,
        Status status,
        String firmware,
        String model,
        String bootId,
        List<String> capabilities,
        Long desiredVersion) implements WireMessage {

    public enum Status { online, offline }

    public static DeviceState offline() {
        return new DeviceState(VERSION, Status.offline, null, null, null, null, null);
    }

    @Override
    public void validate() throws InvalidMessageException {
        Check.version(v);
        Check.required("status", status);
        Check.text("firmware", firmware, 64);
        Check.text("model", model, 64);
        Check.text("bootId", bootId, 64);
        Check.size("capabilities", capabilities, 32);
        if (capabilities != null) {
            for (String c : capabilities) {
                Check.required("capabilities[]", c);
                Check.text("capabilities[]", c, 32);
            }
        }
        Check.range("desiredVersion", desiredVersion, 0, Long.MAX_VALUE);
    }
}
