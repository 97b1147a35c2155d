package vn.loa.protocol.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The master key and salt of an SRTP stream, for the one suite Loa speaks: AES_CM_128_HMAC_SHA1_80 (RFC 3711
 * AES counter mode with a 128-bit key, HMAC-SHA1 tags of 80 bits; named as in RFC 4568). Written as RFC 4568's
 * inline key: the base64 of the 16 key bytes followed by the 14 salt bytes, 40 characters. Its text never appears in
 * {@link #toString()}, so a key does not end up in a log line by accident.
 */
public final class SrtpKey {
    public static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
    public static final int KEY_BYTES = 16;
    public static final int SALT_BYTES = 14;
    /** Characters of the base64 text. */
    public static final int TEXT_LENGTH = 40;

    private final byte[] material;

    private SrtpKey(byte[] material) {
        this.material = material;
    }

    public static SrtpKey generate(SecureRandom random) {
        byte[] material = new byte[KEY_BYTES + SALT_BYTES];
        random.nextBytes(material);
        return new SrtpKey(material);
    }

    /** @throws IllegalArgumentException unless the text is the base64 of exactly 30 bytes */
    public static SrtpKey parse(String base64) {
        String expected = "an SRTP key is " + TEXT_LENGTH + " base64 characters (" + KEY_BYTES + " key and "
                + SALT_BYTES + " salt bytes)";
        if (base64 == null || base64.length() != TEXT_LENGTH) {
            throw new IllegalArgumentException(expected);
        }
        try {
            return new SrtpKey(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected + ": " + e.getMessage(), e);
        }
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(material);
    }

    byte[] masterKey() {
        return Arrays.copyOfRange(material, 0, KEY_BYTES);
    }

    byte[] masterSalt() {
        return Arrays.copyOfRange(material, KEY_BYTES, material.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpKey key && Arrays.equals(material, key.material);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(material);
    }

    @Override
    public String toString() {
        return "SrtpKey[" + SUITE + ", hidden]";
    }
}
