package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.protocol.codec.InvalidMessageException;

/** Published on {@code .../tele} at QoS 0 every telemetry period (30 s by default). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Telemetry(
        int v,
        Integer volume,
        Boolean muted,
        Boolean amplifier,
        String playing,
        Integer signal,
        Double temperature,
        Long uptime,
        Long desiredVersion) implements WireMessage {

    @Override
    public void validate() throws InvalidMessageException {
        Check.version(v);
        Check.range("volume", volume, 0, 100);
        Check.text("playing", playing, 64);
        Check.range("signal", signal, -150, 0);
        Check.range("temperature", temperature, -40, 125);
        Check.range("uptime", uptime, 0, Long.MAX_VALUE);
        Check.range("desiredVersion", desiredVersion, 0, Long.MAX_VALUE);
    }
}
