package vn.loa.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandResult;
import vn.loa.protocol.message.DesiredState;
import vn.loa.protocol.message.DeviceEvent;
import vn.loa.protocol.message.DeviceState;
import vn.loa.protocol.message.Telemetry;
import vn.loa.protocol.message.WireMessage;

/**
 * JSON encoding and checked decoding of wire messages. Decoding never throws anything but
 * {@link InvalidMessageException}, so a bad payload cannot break the thread that reads it. Unknown fields are
 * ignored (newer firmware may send more); a wrong type, a missing required field or an out-of-range value is
 * rejected.
 *
 * <p>Reasons: JSON that does not map onto the record (bad syntax, trailing data, a value of the wrong JSON type,
 * an unknown enum name, a missing {@code v}) is {@link RejectReason#MALFORMED_JSON}; a record whose fields break
 * its rules is {@link RejectReason#INVALID_FIELD} or {@link RejectReason#UNSUPPORTED_VERSION}. An empty payload
 * is malformed too: a caller reading a retained topic, where empty means "cleared", checks for it first.
 */
public final class MessageCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // No silent conversions: "70" or 70.5 for an integer, 1 or "true" for a boolean, 5 for a text, 3 for
            // a command type (Jackson would take the enum's ordinal) are all wrong types.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private MessageCodec() {
    }

    public static byte[] encode(WireMessage message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static <T extends WireMessage> T decode(byte[] payload, Class<T> type, int maxBytes)
            throws InvalidMessageException {
        if (payload.length > maxBytes) {
            throw new InvalidMessageException(RejectReason.TOO_LARGE,
                    payload.length + " bytes is over the " + maxBytes + "-byte limit");
        }
        if (payload.length == 0) {
            throw new InvalidMessageException(RejectReason.MALFORMED_JSON, "empty payload");
        }
        T message;
        try {
            message = JSON.readValue(payload, type);
        } catch (IOException | RuntimeException e) {
            throw new InvalidMessageException(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (message == null) {
            throw new InvalidMessageException(RejectReason.MALFORMED_JSON, "payload is JSON null");
        }
        message.validate();
        return message;
    }

    /** Decodes a message of one device topic, with that topic's size limit. */
    public static WireMessage decode(DeviceTopic topic, byte[] payload) throws InvalidMessageException {
        int limit = PayloadLimits.forDeviceTopic(topic);
        return switch (topic) {
            case STATE -> decode(payload, DeviceState.class, limit);
            case TELEMETRY -> decode(payload, Telemetry.class, limit);
            case EVENT -> decode(payload, DeviceEvent.class, limit);
            case RESULT -> decode(payload, CommandResult.class, limit);
            case COMMAND -> decode(payload, Command.class, limit);
            case DESIRED -> decode(payload, DesiredState.class, limit);
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable JSON";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
