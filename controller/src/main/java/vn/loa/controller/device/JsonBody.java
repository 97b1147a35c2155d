package vn.loa.controller.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import vn.loa.controller.http.ApiException;

/**
 * A request's JSON object with checked field access: a wrong type, an out-of-range value or an unknown field is
 * a 400 that names the field, so a typo is not silently ignored.
 */
public final class JsonBody {
    /** Bodies of these endpoints are small; anything larger is refused before parsing. */
    public static final int MAX_CHARS = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Parses {@code body}; an empty body is an empty object. */
    public static JsonBody parse(String body, Set<String> allowedFields) {
        if (body == null || body.isBlank()) {
            return new JsonBody(JSON.createObjectNode());
        }
        if (body.length() > MAX_CHARS) {
            throw new ApiException(413, "request body is over " + MAX_CHARS + " characters");
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON", e.getOriginalMessage());
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiException.badRequest("the body must be a JSON object", null);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown fields", unknown);
        }
        return new JsonBody(object);
    }

    /** True when the field is present, even as null (a PATCH clearing it). */
    public boolean has(String field) {
        return node.has(field);
    }

    public String text(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        String text = Normalizer.normalize(value.asText().strip(), Normalizer.Form.NFC);
        if (text.length() > maxLength || text.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, "must be at most " + maxLength + " printable characters");
        }
        return text.isEmpty() ? null : text;
    }

    public Double number(String field, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw invalid(field, "must be a number within " + min + ".." + max);
        }
        return value.asDouble();
    }

    public Long id(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 1) {
            throw invalid(field, "must be a positive integer id");
        }
        return value.asLong();
    }

    private static ApiException invalid(String field, String rule) {
        return ApiException.badRequest("invalid field", field + " " + rule);
    }
}
