package vn.loa.controller.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A request's JSON object with checked field access, for bodies read field by field rather than bound to a class:
 * a wrong type or an out-of-range value is a 400 that names the field, so {@code 1.5} is not silently taken for
 * {@code 1}, and with a set of allowed fields an unknown one (a typo) is refused rather than ignored. Absent and
 * JSON null fields read as null; an empty body is an empty object.
 */
public final class JsonBody {
    /** Bodies read this way are small; anything larger is refused before parsing. */
    public static final int MAX_CHARS = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** The request's body, any fields allowed. */
    public static JsonBody of(Context ctx) {
        return parse(ctx.body(), null);
    }

    /** The request's body, refused when it has a field not in {@code allowedFields}. */
    public static JsonBody of(Context ctx, Set<String> allowedFields) {
        return parse(ctx.body(), allowedFields);
    }

    private static JsonBody parse(String body, Set<String> allowedFields) {
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
            throw ApiJsonMapper.invalidBody(e);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiException.badRequest("the body must be a JSON object", null);
        }
        if (allowedFields != null) {
            refuseUnknown(object, allowedFields);
        }
        return new JsonBody(object);
    }

    private static void refuseUnknown(ObjectNode object, Set<String> allowedFields) {
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
    }

    /** True when the field is present, even as null (a PATCH clearing it). */
    public boolean has(String field) {
        return node.has(field);
    }

    /** The field as it came, or null when absent or JSON null; for shapes the typed readers do not cover. */
    public JsonNode node(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** The trimmed text in Unicode NFC, null when blank; refused when longer or holding control characters. */
    public String text(String field, int maxLength) {
        String raw = read(field, JsonNode::isTextual, JsonNode::asText, "must be a string");
        if (raw == null) {
            return null;
        }
        String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (text.length() > maxLength || text.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, "must be at most " + maxLength + " printable characters");
        }
        return text.isEmpty() ? null : text;
    }

    /** A nested object read by the same rules, refused when it has a field not in {@code allowedFields}; null when absent. */
    public JsonBody object(String field, Set<String> allowedFields) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw invalid(field, "must be an object");
        }
        refuseUnknown(object, allowedFields);
        return new JsonBody(object);
    }

    public Double number(String field, double min, double max) {
        return read(field, v -> v.isNumber() && v.asDouble() >= min && v.asDouble() <= max, JsonNode::asDouble,
                "must be a number within " + min + ".." + max);
    }

    /** A whole JSON number that fits an int; {@code 1.0} and {@code 1.5} are refused alike. */
    public Integer integer(String field) {
        return read(field, v -> v.isIntegralNumber() && v.canConvertToInt(), JsonNode::intValue, "must be an integer");
    }

    public Boolean bool(String field) {
        return read(field, JsonNode::isBoolean, JsonNode::booleanValue, "must be true or false");
    }

    public Long id(String field) {
        return read(field, v -> v.canConvertToExactIntegral() && v.canConvertToLong() && v.asLong() >= 1,
                JsonNode::asLong, "must be a positive integer id");
    }

    /** The field as a plain Java value (Integer, Long, Double, Boolean, String, List, Map), or null. */
    public Object value(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        try {
            return JSON.treeToValue(value, Object.class);
        } catch (JsonProcessingException e) {
            throw invalid(field, "is not a readable JSON value");
        }
    }

    private <T> T read(String field, Predicate<JsonNode> accepts, Function<JsonNode, T> convert, String rule) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (!accepts.test(value)) {
            throw invalid(field, rule);
        }
        return convert.apply(value);
    }

    private static ApiException invalid(String field, String rule) {
        return ApiException.badRequest("invalid field", field + " " + rule);
    }
}
