package vn.loa.protocol.rtp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.loa.protocol.Ids;

/**
 * Issues and verifies join tokens: {@code stream.device.expires.nonce.mac}, where mac is the first 16 bytes of
 * HMAC-SHA256 over the first four fields under the server's join key, base64url without padding. Devices treat
 * the token as opaque text.
 */
public final class JoinTokens {
    public static final int MIN_KEY_BYTES = 32;
    public static final int MAX_TOKEN_LENGTH = 255;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = 9;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public JoinTokens(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a join key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String issue(String streamId, String deviceId, long expiresEpochSecond) {
        if (!Ids.isStreamId(streamId) || !Ids.isDeviceId(deviceId) || expiresEpochSecond < 0) {
            throw new IllegalArgumentException("a join token needs a stream id, a device id and an expiry");
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
                || !parts[2].matches("[0-9]{1,12}")) {
            throw malformed();
        }
        byte[] presented;
        try {
            presented = DECODER.decode(parts[4]);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        byte[] expected = mac(token.substring(0, token.lastIndexOf('.')));
        if (!MessageDigest.isEqual(expected, presented)) {
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

    private static InvalidJoinException malformed() {
        return new InvalidJoinException(JoinRejection.MALFORMED, "join token does not parse");
    }
}
