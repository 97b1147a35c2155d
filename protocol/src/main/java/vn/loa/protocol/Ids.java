package vn.loa.protocol;

import java.util.regex.Pattern;

/** Identifier formats shared by topics, messages and the registry. All are safe inside an MQTT topic level. */
public final class Ids {
    /** Device ids are issued by the server: lower-case letters, digits, '-' and '_', at most 64 characters. */
    public static final Pattern DEVICE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Serials come from the vendor's label: letters, digits, '.', '-' and '_', at most 64 characters. */
    public static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Group ids are the registry's numeric ids. */
    public static final Pattern GROUP_ID = Pattern.compile("[1-9][0-9]{0,17}");
    /** Stream ids are issued by the server: lower-case letters, digits, '-' and '_', at most 64 characters. */
    public static final Pattern STREAM_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Command ids are issued by the server. */
    public static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    public static boolean isDeviceId(String s) {
        return s != null && DEVICE_ID.matcher(s).matches();
    }

    public static boolean isSerial(String s) {
        return s != null && SERIAL.matcher(s).matches();
    }

    public static boolean isGroupId(String s) {
        return s != null && GROUP_ID.matcher(s).matches();
    }

    public static boolean isStreamId(String s) {
        return s != null && STREAM_ID.matcher(s).matches();
    }

    public static boolean isCommandId(String s) {
        return s != null && COMMAND_ID.matcher(s).matches();
    }
}
