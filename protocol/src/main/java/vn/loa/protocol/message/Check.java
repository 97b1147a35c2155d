package vn.loa.protocol.message;

import java.util.Collection;
import java.util.regex.Pattern;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.RejectReason;

/** Field checks that name the field in their message. */
final class Check {
    private Check() {
    }

    static void version(int v) throws InvalidMessageException {
        if (v != WireMessage.VERSION) {
            throw new InvalidMessageException(RejectReason.UNSUPPORTED_VERSION, "v must be 1, was " + v);
        }
    }

    static void range(String field, Number value, double min, double max) throws InvalidMessageException {
        if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
            throw invalid(field + " must be within " + fmt(min) + ".." + fmt(max) + ", was " + value);
        }
    }

    static void required(String field, Object value) throws InvalidMessageException {
        if (value == null) {
            throw invalid(field + " is required");
        }
    }

    static void text(String field, String value, int maxLength) throws InvalidMessageException {
        if (value != null && (value.length() > maxLength || value.chars().anyMatch(Character::isISOControl))) {
            throw invalid(field + " must be at most " + maxLength + " printable characters");
        }
    }

    static void matches(String field, String value, Pattern pattern) throws InvalidMessageException {
        if (value != null && !pattern.matcher(value).matches()) {
            throw invalid(field + " has an invalid format");
        }
    }

    static void size(String field, Collection<?> values, int max) throws InvalidMessageException {
        if (values != null && values.size() > max) {
            throw invalid(field + " may hold at most " + max + " entries");
        }
    }

    static InvalidMessageException invalid(String detail) {
        return new InvalidMessageException(RejectReason.INVALID_FIELD, detail);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
