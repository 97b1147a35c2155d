package vn.loa.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import vn.loa.protocol.message.WireMessage;

/** Test helper: decodes JSON text with the limit of its kind and says how it was received. */
public final class Decoding {
    private Decoding() {
    }

    public static <T extends WireMessage> T accepted(Class<T> type, String json) throws InvalidMessageException {
        return MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8), type, MessageKinds.limitFor(type));
    }

    /** The exception a payload is rejected with; fails the test if the payload is accepted. */
    public static InvalidMessageException rejection(Class<? extends WireMessage> type, String json) {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> accepted(type, json));
        assertThat(e).as("%s must be rejected as %s", json, type.getSimpleName()).isNotNull();
        return e;
    }

    public static RejectReason reasonFor(Class<? extends WireMessage> type, String json) {
        return rejection(type, json).reason();
    }
}
