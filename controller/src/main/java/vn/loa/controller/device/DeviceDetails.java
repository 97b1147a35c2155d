package vn.loa.controller.device;

/**
 * What an installer or operator says about a device's hardware and place; null means "not known".
 */
public record DeviceDetails(String name, String model, Double latitude, Double longitude, String imei,
                            String iccid) {

    public static final DeviceDetails NONE = new DeviceDetails(null, null, null, null, null, null);

    /** These details where given, the other ones otherwise (an import leaves empty cells alone). */
    public DeviceDetails or(DeviceDetails fallback) {
        return new DeviceDetails(
                name != null ? name : fallback.name,
                model != null ? model : fallback.model,
                latitude != null ? latitude : fallback.latitude,
                longitude != null ? longitude : fallback.longitude,
                imei != null ? imei : fallback.imei,
                iccid != null ? iccid : fallback.iccid);
    }
}
