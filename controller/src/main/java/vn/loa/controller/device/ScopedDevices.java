package vn.loa.controller.device;

import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;

/** Finds a device the caller may see: one outside the caller's area subtree is as unknown as a missing one. */
public final class ScopedDevices {
    private final DeviceRepository devices;
    private final AreaScopes scopes;

    public ScopedDevices(DeviceRepository devices, AreaScopes scopes) {
        this.devices = devices;
        this.scopes = scopes;
    }

    public Device require(Caller caller, String deviceId) {
        return devices.find(deviceId)
                .filter(d -> scopes.covers(caller, d.areaId()))
                .orElseThrow(() -> ApiException.notFound("device " + deviceId));
    }
}
