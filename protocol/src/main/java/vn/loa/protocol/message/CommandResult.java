package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.protocol.Ids;
import vn.loa.protocol.codec.InvalidMessageException;

/** Published on {@code .../res}: the device's answer to one command, echoing its id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(int v, String id, Status status, String reason) implements WireMessage {

    public enum Status { ok, failed }

    public static CommandResult ok(String id) {
        return new CommandResult(VERSION, id, Status.ok, null);
    }

    public static CommandResult failed(String id, String reason) {
        return new CommandResult(VERSION, id, Status.failed, reason);
    }

    @Override
    public void validate() throws InvalidMessageException {
        Check.version(v);
        Check.required("id", id);
        Check.matches("id", id, Ids.COMMAND_ID);
        Check.required("status", status);
        Check.text("reason", reason, 256);
    }
}
