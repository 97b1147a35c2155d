package vn.loa.controller.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.EnumSet;
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
    /**
     * The command types the API accepts. The server alone sends {@code credentials}; {@code play} and {@code stop}
     * go through the streams API, which issues the join tokens.
     */
    public static final List<CommandType> ALLOWED = Arrays.stream(CommandType.values())
            .filter(t -> !EnumSet.of(CommandType.credentials, CommandType.play, CommandType.stop).contains(t))
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
