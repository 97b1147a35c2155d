package vn.loa.controller.device;

import java.time.Instant;

/** A device as the registry holds it, without its secrets. */
public record Device(
        String id,
        String serial,
        DeviceStatus status,
        Long areaId,
        String areaHint,
        DeviceDetails details,
        String firmware,
        Instant credentialsIssuedAt,
        long desiredVersion,
        Integer desiredVolume,
        Boolean desiredMuted,
        Instant createdAt,
        Instant updatedAt) {

    public boolean hasCredentials() {
        return credentialsIssuedAt != null;
    }
}
