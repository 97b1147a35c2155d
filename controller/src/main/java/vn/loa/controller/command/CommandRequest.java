package vn.loa.controller.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.protocol.message.CommandType;

/**
 * What an operator asks for: {@code {"type": "volume", "value": 70, "expiresIn": 60}}.
 *
 * @param expiresIn seconds, or null for the configured default
 */
public record CommandRequest(CommandType type, Object value, Integer expiresIn) {
    /** The command types the API accepts; {@code credentials} is only ever sent by the server itself. */
    public static final List<CommandType> ALLOWED = Arrays.stream(CommandType.values())
            .filter(t -> t != CommandType.credentials)
            .toList();

    public static CommandRequest fromJson(JsonBody body) {
        JsonNode typeNode = body.node("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw ApiException.badRequest("type is required", ALLOWED);
        }
        CommandType type = Arrays.stream(CommandType.values())
                .filter(t -> t.name().equals(typeNode.textValue()))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("unknown command type " + typeNode.textValue(), ALLOWED));
        return new CommandRequest(type, body.value("value"), body.integer("expiresIn"));
    }
}
