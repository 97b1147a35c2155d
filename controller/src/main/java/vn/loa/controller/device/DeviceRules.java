package vn.loa.controller.device;

import java.util.regex.Pattern;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;

/** The limits of what an installer or operator may say about a device, shared by the API and the CSV import. */
public final class DeviceRules {
    public static final int NAME_MAX = 200;
    public static final int MODEL_MAX = 64;
    /** 15 digits, 16 for an IMEISV, 14 when the check digit is left off. */
    public static final Pattern IMEI = Pattern.compile("[0-9]{14,16}");
    /** ICCID: 18 to 22 digits. */
    public static final Pattern ICCID = Pattern.compile("[0-9]{18,22}");
    public static final double LATITUDE_MIN = -90;
    public static final double LATITUDE_MAX = 90;
    public static final double LONGITUDE_MIN = -180;
    public static final double LONGITUDE_MAX = 180;

    private DeviceRules() {
    }

    /** The details read from an API body, each field checked. */
    static DeviceDetails details(JsonBody body) {
        DeviceDetails d = new DeviceDetails(
                body.text("name", NAME_MAX),
                body.text("model", MODEL_MAX),
                body.number("latitude", LATITUDE_MIN, LATITUDE_MAX),
                body.number("longitude", LONGITUDE_MIN, LONGITUDE_MAX),
                body.text("imei", 32),
                body.text("iccid", 32));
        String problem = identifierProblem(d);
        if (problem != null) {
            throw ApiException.badRequest("invalid field", problem);
        }
        return d;
    }

    /** The stored details with the fields the PATCH body names replaced (a null clears one). */
    static DeviceDetails patched(JsonBody body, DeviceDetails current) {
        DeviceDetails given = details(body);
        return new DeviceDetails(
                body.has("name") ? given.name() : current.name(),
                body.has("model") ? given.model() : current.model(),
                body.has("latitude") ? given.latitude() : current.latitude(),
                body.has("longitude") ? given.longitude() : current.longitude(),
                body.has("imei") ? given.imei() : current.imei(),
                body.has("iccid") ? given.iccid() : current.iccid());
    }

    /** What is wrong with the IMEI or ICCID, or null. */
    static String identifierProblem(DeviceDetails d) {
        if (d.imei() != null && !IMEI.matcher(d.imei()).matches()) {
            return "imei must be 14 to 16 digits";
        }
        if (d.iccid() != null && !ICCID.matcher(d.iccid()).matches()) {
            return "iccid must be 18 to 22 digits";
        }
        return null;
    }
}
