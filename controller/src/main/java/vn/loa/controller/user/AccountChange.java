package vn.loa.controller.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import vn.loa.controller.auth.Role;
import vn.loa.controller.auth.User;
import vn.loa.controller.http.ApiException;

/**
 * A user's account after a {@code PATCH}: the fields the body names replace the stored ones ({@code "areaId": null}
 * gives the whole installation); fields it leaves out stay.
 */
record AccountChange(Role role, Long areaId, String displayName, boolean disabled) {
    static final Set<String> FIELDS = Set.of("role", "areaId", "displayName", "disabled");

    static AccountChange of(JsonNode body, User current) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", Map.of("allowed", new TreeSet<>(FIELDS)));
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field " + field, Map.of("allowed", new TreeSet<>(FIELDS)));
            }
        });
        Role role = body.has("role") ? AccountRules.role(text(body, "role")) : current.role();
        Long areaId = body.has("areaId") ? areaId(body.get("areaId")) : current.areaId();
        String displayName = body.has("displayName") ? AccountRules.displayName(text(body, "displayName"))
                : current.displayName();
        boolean disabled = body.has("disabled") ? flag(body.get("disabled")) : current.disabled();
        return new AccountChange(role, areaId, displayName, disabled);
    }

    /** Whether what the user may do changes: its role, its scope, or whether it may sign in at all. */
    boolean changesRightsOf(User current) {
        return role != current.role() || !Objects.equals(areaId, current.areaId()) || disabled != current.disabled();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string", Map.of("field", field));
        }
        return value.asText();
    }

    private static Long areaId(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest("areaId must be an area id or null", Map.of("field", "areaId"));
        }
        return value.asLong();
    }

    private static boolean flag(JsonNode value) {
        if (!value.isBoolean()) {
            throw ApiException.badRequest("disabled must be true or false", Map.of("field", "disabled"));
        }
        return value.asBoolean();
    }
}
