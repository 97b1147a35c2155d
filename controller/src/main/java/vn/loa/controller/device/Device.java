package vn.loa.controller.device;

import java.time.Instant;

/**
 * A device as the registry holds it, without its secrets.
 *
 * @param storedLastSeen when the device was last heard from, as last written behind to {@code device_state}
 *                       (the in-memory live state is newer while the server runs)
 */
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
        Instant updatedAt,
        Instant storedLastSeen) {

    public boolean hasCredentials() {
        return credentialsIssuedAt != null;
    }
}
