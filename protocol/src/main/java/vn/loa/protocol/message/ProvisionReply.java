package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.protocol.codec.InvalidMessageException;

/**
 * Published by the server on {@code loa/v1/prov/{serial}/res}. {@code approved} carries the device's id and
 * secret, sent this once; {@code pending} asks the device to ask again after {@code retryAfter} seconds;
 * {@code rejected} says why in {@code reason}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProvisionReply(
        int v, Status status, String deviceId, String secret, Integer retryAfter, String reason)
        implements WireMessage {

    public enum Status { approved, pending, rejected }

    public static ProvisionReply approved(String deviceId, String secret) {
        return new ProvisionReply(VERSION, Status.approved, deviceId, secret, null, null);
    }

    public static ProvisionReply pending(int retryAfterSeconds) {
        return new ProvisionReply(VERSION, Status.pending, null, null, retryAfterSeconds, null);
    }

    public static ProvisionReply rejected(String reason) {
        return new ProvisionReply(VERSION, Status.rejected, null, null, null, reason);
    }

    @Override
    public void validate() throws InvalidMessageException {
        Check.version(v);
        Check.required("status", status);
        if (status == Status.approved) {
            Check.required("deviceId", deviceId);
            Check.required("secret", secret);
        }
        Check.range("retryAfter", retryAfter, 1, 86_400);
        Check.text("reason", reason, 256);
    }
}
