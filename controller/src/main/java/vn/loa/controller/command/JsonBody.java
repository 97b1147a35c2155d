package vn.loa.controller.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.function.Function;
import java.util.function.Predicate;
import vn.loa.controller.http.ApiException;

/**
 * Reads a request body as a JSON object and its optional fields with exact types, so that {@code 1.5} is not
 * silently taken for {@code 1} and a malformed body is a 400 rather than a 500.
 */
public final class JsonBody {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    public static JsonNode object(Context ctx) {
        JsonNode node;
        try {
            node = JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON body", e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", null);
        }
        return node;
    }

    /** The field as an int, or null when it is absent or JSON null. */
    public static Integer optionalInt(JsonNode body, String field) {
        return optional(body, field, node -> node.isIntegralNumber() && node.canConvertToInt(), JsonNode::intValue,
                "an integer");
    }

    /** The field as a boolean, or null when it is absent or JSON null. */
    public static Boolean optionalBoolean(JsonNode body, String field) {
        return optional(body, field, JsonNode::isBoolean, JsonNode::booleanValue, "true or false");
    }

    private static <T> T optional(JsonNode body, String field, Predicate<JsonNode> accepts, Function<JsonNode, T> read,
                                  String expected) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!accepts.test(node)) {
            throw ApiException.badRequest(field + " must be " + expected, null);
        }
        return read.apply(node);
    }

    /** The field as a plain Java value (Integer, Long, Double, Boolean, String, List, Map), or null. */
    public static Object optionalValue(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return JSON.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(field + " is not a readable JSON value", e.getOriginalMessage());
        }
    }
}
