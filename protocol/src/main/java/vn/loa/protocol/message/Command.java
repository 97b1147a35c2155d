package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.protocol.Ids;
import vn.loa.protocol.codec.InvalidMessageException;

/**
 * Published by the server on {@code .../cmd} or {@code loa/v1/grp/{id}/cmd} at QoS 1. The id is always in the
 * JSON (MQTT 3.1.1 devices have no correlation data); {@code expires} is epoch milliseconds after which the
 * device must not act on it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Command(int v, String id, CommandType type, Object value, String secret, PlayOrder play, Long expires)
        implements WireMessage {

    public static Command of(String id, CommandType type, Object value, long expires) {
        return new Command(VERSION, id, type, value, null, null, expires);
    }

    public static Command credentials(String id, String secret, long expires) {
        return new Command(VERSION, id, CommandType.credentials, null, secret, null, expires);
    }

    public static Command play(String id, PlayOrder order, long expires) {
        return new Command(VERSION, id, CommandType.play, null, null, order, expires);
    }

    @Override
    public void validate() throws InvalidMessageException {
        Check.version(v);
        Check.required("id", id);
        Check.matches("id", id, Ids.COMMAND_ID);
        Check.required("type", type);
        Check.required("expires", expires);
        if (play != null && type != CommandType.play) {
            throw Check.invalid(type + " takes no play order");
        }
        if (secret != null && type != CommandType.credentials) {
            throw Check.invalid(type + " takes no secret");
        }
        switch (type) {
            case volume -> {
                if (!(value instanceof Integer level) || level < 0 || level > 100) {
                    throw Check.invalid("volume needs an integer value within 0..100");
                }
            }
            case amplifier -> {
                if (!(value instanceof Boolean)) {
                    throw Check.invalid("amplifier needs a boolean value");
                }
            }
            case credentials -> {
                noValue();
                Check.required("secret", secret);
                Check.text("secret", secret, 128);
            }
            case play -> {
                noValue();
                Check.required("play", play);
                play.validate();
            }
            case stop -> {
                if (!(value instanceof String stream) || !Ids.isStreamId(stream)) {
                    throw Check.invalid("stop needs the stream id as its value");
                }
            }
            default -> noValue();
        }
    }

    private void noValue() throws InvalidMessageException {
        if (value != null) {
            throw Check.invalid(type + " takes no value");
        }
    }

    /** True once the wall clock has passed {@code expires}. */
    public boolean expiredAt(long epochMillis) {
        return expires != null && epochMillis > expires;
    }
}
