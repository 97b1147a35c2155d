package vn.loa.controller.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.command.CommandTarget;

/**
 * Sources and targets as the schedules and broadcasts tables hold them, as JSON text; targets as
 * {@code {"devices":[..],"groups":[..],"areas":[..]}}, as the API takes and shows them.
 */
final class StoredJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredJson() {
    }

    static ObjectNode targets(List<CommandTarget> targets) {
        ObjectNode node = JSON.createObjectNode();
        for (CommandTarget.Kind kind : CommandTarget.Kind.values()) {
            node.putArray(field(kind));
        }
        targets.forEach(t -> node.withArray(field(t.kind())).add(t.id()));
        return node;
    }

    /** Targets written by {@link #targets(List)}. */
    static List<CommandTarget> targets(JsonNode node) {
        List<CommandTarget> targets = new ArrayList<>();
        for (CommandTarget.Kind kind : CommandTarget.Kind.values()) {
            node.path(field(kind)).forEach(id -> targets.add(new CommandTarget(kind, id.asText())));
        }
        return targets;
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored row holds malformed JSON: " + json, e);
        }
    }

    private static String field(CommandTarget.Kind kind) {
        return kind.name() + "s";
    }
}
