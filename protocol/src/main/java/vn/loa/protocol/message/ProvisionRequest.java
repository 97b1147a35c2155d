package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.protocol.Ids;
import vn.loa.protocol.codec.InvalidMessageException;

/**
 * Published on {@code loa/v1/prov/{serial}/req} by a device connected with the provisioning key. {@code area}
 * is the installer's hint (an area code) for a serial the server does not know yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProvisionRequest(
        int v, String serial, String model, String firmware, String imei, String iccid, String area)
        implements WireMessage {

    @Override
    public void validate() throws InvalidMessageException {
        Check.version(v);
        Check.required("serial", serial);
        Check.matches("serial", serial, Ids.SERIAL);
        Check.text("model", model, 64);
        Check.text("firmware", firmware, 64);
        Check.text("imei", imei, 20);
        Check.text("iccid", iccid, 22);
        Check.text("area", area, 64);
    }
}
