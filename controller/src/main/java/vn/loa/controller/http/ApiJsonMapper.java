package vn.loa.controller.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Javalin's Jackson mapper, except that reading a request body refuses bad JSON with a 400 that says where and
 * what was wrong, and refuses a body of JSON {@code null} rather than handing a handler a null object.
 */
final class ApiJsonMapper implements JsonMapper {
    static final String INVALID_BODY = "invalid JSON body";

    private final ObjectMapper mapper;
    private final JavalinJackson jackson;

    ApiJsonMapper(ObjectMapper mapper) {
        this.mapper = mapper;
        this.jackson = new JavalinJackson(mapper, false);
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return jackson.toJsonString(obj, type);
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        return jackson.toJsonStream(obj, type);
    }

    @Override
    public void writeToOutputStream(Stream<?> stream, OutputStream outputStream) {
        jackson.writeToOutputStream(stream, outputStream);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        try {
            return notNull(mapper.readValue(json, mapper.constructType(targetType)));
        } catch (JsonProcessingException e) {
            throw invalidBody(e);
        }
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type targetType) {
        try {
            return notNull(mapper.readValue(json, mapper.constructType(targetType)));
        } catch (JsonProcessingException e) {
            throw invalidBody(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    /** The 400 for a body Jackson could not read: where in the body and what was wrong, without echoing it. */
    static ApiException invalidBody(JsonProcessingException e) {
        return ApiException.badRequest(INVALID_BODY, describe(e));
    }

    private static <T> T notNull(T value) {
        if (value == null) {
            throw ApiException.badRequest(INVALID_BODY, "the body must be a JSON value, not null");
        }
        return value;
    }

    private static String describe(JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "field '" + field + "': " + problem;
        }
        if (e.getLocation() != null) {
            return problem + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return problem;
    }
}
