package vn.loa.controller.device;

import java.time.Instant;
import vn.loa.protocol.message.Telemetry;

/** Where accepted telemetry reports go to be kept as history. */
@FunctionalInterface
public interface TelemetrySink {
    void record(String deviceId, Telemetry telemetry, Instant receivedAt);
}
