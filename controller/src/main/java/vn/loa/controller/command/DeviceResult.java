package vn.loa.controller.command;

import java.time.Instant;

/** One device's result for one command, as of {@code at}. */
public record DeviceResult(String deviceId, ResultStatus status, String reason, Integer latencyMs, Instant at) {

    public static DeviceResult pending(String deviceId, Instant at) {
        return new DeviceResult(deviceId, ResultStatus.pending, null, null, at);
    }

    public static DeviceResult offline(String deviceId, Instant at) {
        return new DeviceResult(deviceId, ResultStatus.offline, null, null, at);
    }
}
