package vn.loa.protocol.rtp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.loa.protocol.Ids;

/**
 * Issues and verifies join tokens: {@code stream.device.expires.nonce.mac}, where mac is the first 16 bytes of
 * HMAC-SHA256 over the first four fields under the server's join key, base64url without padding. Devices treat
 * the token as opaque text. Verification accepts only the exact text issued: base64 leaves spare bits in the last
 * character of the mac, and a token that could be respelled would slip past a replay check keyed on its text.
 */
public final class JoinTokens {
    public static final int MIN_KEY_BYTES = 32;
    public static final int MAX_TOKEN_LENGTH = 255;
    /** The largest expiry a token can carry: its expiry field has at most 12 digits (the year 33658). */
    public static final long MAX_EXPIRES_EPOCH_SECOND = 999_999_999_999L;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = 9;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,12}");
    private static final Pattern NONCE = base64Text(NONCE_BYTES);
    private static final Pattern MAC = base64Text(MAC_BYTES);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public JoinTokens(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a join key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String issue(String streamId, String deviceId, long expiresEpochSecond) {
        if (!Ids.isStreamId(streamId) || !Ids.isDeviceId(deviceId) || expiresEpochSecond < 0
                || expiresEpochSecond > MAX_EXPIRES_EPOCH_SECOND) {
            throw new IllegalArgumentException("a join token needs a stream id, a device id and an expiry within 0.."
                    + MAX_EXPIRES_EPOCH_SECOND);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String claims = streamId + '.' + deviceId + '.' + expiresEpochSecond + '.' + ENCODER.encodeToString(nonce);
        return claims + '.' + ENCODER.encodeToString(mac(claims));
    }

    public JoinClaims verify(String token, long nowEpochSecond) throws InvalidJoinException {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw malformed();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 5 || !Ids.isStreamId(parts[0]) || !Ids.isDeviceId(parts[1])
                || !EXPIRY.matcher(parts[2]).matches() || !NONCE.matcher(parts[3]).matches()
                || !MAC.matcher(parts[4]).matches()) {
            throw malformed();
        }
        String expected = ENCODER.encodeToString(mac(token.substring(0, token.lastIndexOf('.'))));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts[4].getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidJoinException(JoinRejection.FORGED, "join token signature does not match");
        }
        long expires = Long.parseLong(parts[2]);
        if (nowEpochSecond > expires) {
            throw new InvalidJoinException(JoinRejection.EXPIRED, "join token expired");
        }
        return new JoinClaims(parts[0], parts[1], expires, parts[3]);
    }

    private byte[] mac(String claims) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] full = mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII));
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Unpadded base64url of exactly {@code bytes} bytes. */
    private static Pattern base64Text(int bytes) {
        return Pattern.compile("[A-Za-z0-9_-]{" + (4 * bytes + 2) / 3 + "}");
    }

    private static InvalidJoinException malformed() {
        return new InvalidJoinException(JoinRejection.MALFORMED, "join token does not parse");
    }
}
