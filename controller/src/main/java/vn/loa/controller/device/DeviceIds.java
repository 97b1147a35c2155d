package vn.loa.controller.device;

import java.security.SecureRandom;

/** Issues device ids (they satisfy {@code Ids.DEVICE_ID}): {@code sp-} and ten random lower-case base32 characters (50 bits). */
public final class DeviceIds {
    static final String PREFIX = "sp-";
    static final int RANDOM_CHARS = 10;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceIds() {
    }

    public static String next() {
        StringBuilder id = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return id.toString();
    }
}
