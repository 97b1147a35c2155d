package vn.loa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import vn.loa.protocol.Ids;

/** Digs the id out of a command that failed validation, so the failure can still be answered. */
final class CommandIds {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandIds() {
    }

    /** The command id if the payload is a JSON object with a well-formed {@code id}; null otherwise. */
    static String readable(byte[] payload) {
        try {
            JsonNode id = JSON.readTree(payload).path("id");
            return id.isTextual() && Ids.isCommandId(id.textValue()) ? id.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
