package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;
import vn.loa.protocol.codec.InvalidMessageException;

/** Published on {@code .../evt}: something happened on the device (playback, button, tamper, reboot). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceEvent(int v, String event, String stream, String detail, Long ts) implements WireMessage {
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    @Override
    public void validate() throws InvalidMessageException {
        Check.version(v);
        Check.required("event", event);
        Check.matches("event", event, EVENT_NAME);
        Check.text("stream", stream, 64);
        Check.text("detail", detail, 256);
        Check.range("ts", ts, 0, Long.MAX_VALUE);
    }
}
