package vn.loa.controller.telemetry;

import java.time.Instant;
import vn.loa.protocol.message.Telemetry;

/** One accepted telemetry report, as stored in {@code telemetry_raw}. */
public record TelemetrySample(String deviceId, Instant ts, Integer volume, Boolean muted, Boolean amplifier,
                              boolean playing, Integer signal, Double temperature, Long uptime) {

    static TelemetrySample of(String deviceId, Telemetry t, Instant receivedAt) {
        return new TelemetrySample(deviceId, receivedAt, t.volume(), t.muted(), t.amplifier(),
                t.playing() != null && !t.playing().isEmpty(), t.signal(), t.temperature(), t.uptime());
    }
}
