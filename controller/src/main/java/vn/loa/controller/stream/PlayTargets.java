package vn.loa.controller.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
        Set<CommandTarget> targets = new LinkedHashSet<>();
        add(body, "devices", CommandTarget::device, targets);
        add(body, "groups", CommandTarget::group, targets);
        add(body, "areas", CommandTarget::area, targets);
        if (targets.isEmpty()) {
            throw ApiException.badRequest("name at least one of devices, groups or areas", null);
        }
        if (targets.size() > MAX_TARGETS) {
            throw ApiException.badRequest("a request may name at most " + MAX_TARGETS + " targets",
                    Map.of("targets", targets.size()));
        }
        return new ArrayList<>(targets);
    }

    private static void add(JsonBody body, String field, Function<String, CommandTarget> kind,
                            Set<CommandTarget> targets) {
        JsonNode ids = body.node(field);
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
