package vn.loa.controller.storage;

import java.security.SecureRandom;

/** Unguessable ids for things the server creates (streams, broadcasts): a prefix and 12 random letters or digits. */
public final class RandomIds {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_CHARS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    public static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
