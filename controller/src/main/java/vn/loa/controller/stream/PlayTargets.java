package vn.loa.controller.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;

/** The speakers a play or stop request names: {@code {"devices":[...],"groups":[...],"areas":[...]}}. */
public final class PlayTargets {
    /** Devices, groups and areas one request may name together. */
    public static final int MAX_TARGETS = 1_000;
    public static final Set<String> FIELDS = Set.of("devices", "groups", "areas");

    private PlayTargets() {
    }

    public static List<CommandTarget> from(JsonBody body) {
        return from(body::node);
    }

    /** From a nested {@code targets} object; null or not an object is refused like an empty one. */
    public static List<CommandTarget> from(JsonNode object) {
        if (object != null && object.isObject()) {
            List<String> unknown = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (!FIELDS.contains(name)) {
                    unknown.add(name);
                }
            });
            if (!unknown.isEmpty()) {
                throw ApiException.badRequest("unknown fields in targets", unknown);
            }
        }
        return from(field -> object == null || !object.hasNonNull(field) ? null : object.get(field));
    }

    /** The targets in the request's own shape, to store and show. */
    public static Map<String, List<String>> toJson(List<CommandTarget> targets) {
        Map<String, List<String>> json = new LinkedHashMap<>();
        for (CommandTarget target : targets) {
            String field = switch (target.kind()) {
                case device -> "devices";
                case group -> "groups";
                case area -> "areas";
                case broadcast, stream -> throw new IllegalArgumentException("a " + target.kind()
                        + " is not a play target");
            };
            json.computeIfAbsent(field, f -> new ArrayList<>()).add(target.id());
        }
        return json;
    }

    private static List<CommandTarget> from(Function<String, JsonNode> field) {
        Set<CommandTarget> targets = new LinkedHashSet<>();
        add(field, "devices", CommandTarget::device, targets);
        add(field, "groups", CommandTarget::group, targets);
        add(field, "areas", CommandTarget::area, targets);
        if (targets.isEmpty()) {
            throw ApiException.badRequest("name at least one of devices, groups or areas", null);
        }
        if (targets.size() > MAX_TARGETS) {
            throw ApiException.badRequest("a request may name at most " + MAX_TARGETS + " targets",
                    Map.of("targets", targets.size()));
        }
        return new ArrayList<>(targets);
    }

    private static void add(Function<String, JsonNode> fields, String field, Function<String, CommandTarget> kind,
                            Set<CommandTarget> targets) {
        JsonNode ids = fields.apply(field);
        if (ids == null) {
            return;
        }
        if (!ids.isArray()) {
            throw ApiException.badRequest("invalid field", field + " must be an array of ids");
        }
        for (JsonNode id : ids) {
            if (!(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
                throw ApiException.badRequest("invalid field", field + " must hold ids");
            }
            targets.add(kind.apply(id.asText()));
        }
    }
}
