package vn.loa.controller.command;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Command ids: eight base-62 digits of the creation time in milliseconds, then eight random ones. URL- and
 * topic-safe, and in ASCII order they sort by creation time.
 */
final class CommandIds {
    private static final char[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int TIME_DIGITS = 8;
    private static final int RANDOM_DIGITS = 8;

    private final SecureRandom random = new SecureRandom();

    String next(Instant now) {
        char[] id = new char[TIME_DIGITS + RANDOM_DIGITS];
        long millis = now.toEpochMilli();
        for (int i = TIME_DIGITS - 1; i >= 0; i--) {
            id[i] = DIGITS[(int) (millis % DIGITS.length)];
            millis /= DIGITS.length;
        }
        for (int i = TIME_DIGITS; i < id.length; i++) {
            id[i] = DIGITS[random.nextInt(DIGITS.length)];
        }
        return new String(id);
    }
}
