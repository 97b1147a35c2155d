package vn.loa.protocol.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JoinTokensTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long NOW = 1_795_240_800L;
    private static final long EXPIRES = NOW + 300;

    private final JoinTokens tokens = new JoinTokens(KEY);

    @Test
    void anIssuedTokenVerifiesToItsClaims() throws InvalidJoinException {
        String token = tokens.issue("s-20251121-0600", "spk-0001", EXPIRES);

        JoinClaims claims = tokens.verify(token, NOW);

        assertThat(claims.streamId()).isEqualTo("s-20251121-0600");
        assertThat(claims.deviceId()).isEqualTo("spk-0001");
        assertThat(claims.expiresEpochSecond()).isEqualTo(EXPIRES);
        assertThat(claims.nonce()).isNotEmpty();
        assertThat(token).startsWith("s-20251121-0600.spk-0001." + EXPIRES + ".");
    }

    @Test
    void everyTokenHasItsOwnNonce() throws InvalidJoinException {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            nonces.add(tokens.verify(tokens.issue("s-1", "spk-1", EXPIRES), NOW).nonce());
        }
        assertThat(nonces).hasSize(100);
    }

    @Test
    void anotherServerWithTheSameKeyAcceptsTheToken() throws InvalidJoinException {
        String token = tokens.issue("s-1", "spk-1", EXPIRES);
        assertThat(new JoinTokens(KEY.clone()).verify(token, NOW).deviceId()).isEqualTo("spk-1");
    }

    @Test
    void aTokenFromAnotherKeyIsForged() {
        String token = new JoinTokens("another key of at least 32 bytes!".getBytes(StandardCharsets.US_ASCII))
                .issue("s-1", "spk-1", EXPIRES);
        assertRejected(token, NOW, JoinRejection.FORGED);
    }

    @Test
    void changingTheKeyArrayAfterwardsChangesNothing() throws InvalidJoinException {
        byte[] key = KEY.clone();
        JoinTokens issuer = new JoinTokens(key);
        Arrays.fill(key, (byte) 0);
        assertThat(tokens.verify(issuer.issue("s-1", "spk-1", EXPIRES), NOW).streamId()).isEqualTo("s-1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void tamperingWithAnyFieldMakesTheTokenForged(int field) {
        String[] parts = tokens.issue("s-1", "spk-1", EXPIRES).split("\\.");
        parts[field] = switch (field) {
            case 0 -> "s-2";
            case 1 -> "spk-2";
            case 2 -> Long.toString(EXPIRES + 86_400);
            default -> flipLastCharacter(parts[field]);
        };
        assertRejected(String.join(".", parts), NOW, JoinRejection.FORGED);
    }

    @Test
    void aSignatureRespelledInItsSpareBitsIsForged() {
        String token = tokens.issue("s-1", "spk-1", EXPIRES);
        String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = base64.indexOf(token.charAt(token.length() - 1));
        for (int spare = 1; spare < 16; spare++) {
            String respelled = token.substring(0, token.length() - 1) + base64.charAt(last ^ spare);
            assertRejected(respelled, NOW, JoinRejection.FORGED);
        }
    }

    @Test
    void anExpiryRespelledWithALeadingZeroIsForged() {
        String[] parts = tokens.issue("s-1", "spk-1", EXPIRES).split("\\.");
        parts[2] = "0" + parts[2];
        assertRejected(String.join(".", parts), NOW, JoinRejection.FORGED);
    }

    @Test
    void theSignatureIsCheckedBeforeTheExpiry() {
        String[] parts = tokens.issue("s-1", "spk-1", EXPIRES).split("\\.");
        parts[2] = Long.toString(NOW - 1);
        assertRejected(String.join(".", parts), NOW, JoinRejection.FORGED);
    }

    @Test
    void aTokenIsValidUpToAndIncludingItsExpirySecond() throws InvalidJoinException {
        String token = tokens.issue("s-1", "spk-1", EXPIRES);
        assertThat(tokens.verify(token, EXPIRES).expiresEpochSecond()).isEqualTo(EXPIRES);
        InvalidJoinException e = assertRejected(token, EXPIRES + 1, JoinRejection.EXPIRED);
        assertThat(e).hasMessageContaining("expired");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b.c.d", "a.b.c.d.e.f", "s-1.spk-1.1795241100.nonce", "S-1.spk-1.1.n.mac",
        "s-1.SPK-1.1.n.mac", "s-1.spk-1.-5.n.mac", "s-1.spk-1.12x.n.mac", "s-1.spk-1..n.mac",
        "s-1.spk-1.1234567890123.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "s-1.spk-1.1.AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "s-1.spk-1.1.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA",
        "s-1.spk-1.1.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA=", "s-1.spk-1.1.AAAAAAAAAAA+.AAAAAAAAAAAAAAAAAAAAAA",
        "s-1.spk-1.1.n.not*base64", "s-1.spk-1.1.n.A", ".spk-1.1.n.mac", "s-1.spk-1.1.n.mac.", "s 1.spk-1.1.n.mac"})
    void garbageIsMalformed(String token) {
        assertRejected(token, NOW, JoinRejection.MALFORMED);
    }

    @Test
    void noTokenIsMalformed() {
        assertRejected(null, NOW, JoinRejection.MALFORMED);
    }

    @Test
    void aTokenOverTheLengthLimitIsMalformedWithoutComputingItsSignature() {
        String valid = tokens.issue("s-1", "spk-1", EXPIRES);
        String padded = valid.substring(0, valid.indexOf('.')) + "x".repeat(JoinTokens.MAX_TOKEN_LENGTH)
                + valid.substring(valid.indexOf('.'));
        assertRejected(padded, NOW, JoinRejection.MALFORMED);
    }

    @Test
    void theLongestIssuableTokenFitsTheLimitAndAJoinPacket() throws Exception {
        String stream = "s" + "0".repeat(63);
        String device = "d" + "9".repeat(63);
        String token = tokens.issue(stream, device, JoinTokens.MAX_EXPIRES_EPOCH_SECOND);

        assertThat(token.length()).isLessThanOrEqualTo(JoinTokens.MAX_TOKEN_LENGTH);
        String carried = JoinPacket.decode(ByteBuffer.wrap(JoinPacket.encode(token)));
        assertThat(tokens.verify(carried, NOW).streamId()).isEqualTo(stream);
    }

    @Test
    void tokensAreOnlyIssuedForValidIdsAndExpiries() {
        for (Runnable bad : new Runnable[] {
            () -> tokens.issue("S-1", "spk-1", EXPIRES),
            () -> tokens.issue("s.1", "spk-1", EXPIRES),
            () -> tokens.issue("s-1", "spk/1", EXPIRES),
            () -> tokens.issue(null, "spk-1", EXPIRES),
            () -> tokens.issue("s-1", "spk-1", -1),
            () -> tokens.issue("s-1", "spk-1", JoinTokens.MAX_EXPIRES_EPOCH_SECOND + 1)}) {
            assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aKeyNeedsAtLeast32Bytes() {
        assertThatThrownBy(() -> new JoinTokens(new byte[JoinTokens.MIN_KEY_BYTES - 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThat(new JoinTokens(new byte[JoinTokens.MIN_KEY_BYTES])).isNotNull();
    }

    private InvalidJoinException assertRejected(String token, long now, JoinRejection expected) {
        InvalidJoinException e = catchThrowableOfType(InvalidJoinException.class, () -> tokens.verify(token, now));
        assertThat(e).as("%s must be refused", token).isNotNull();
        assertThat(e.rejection()).as("rejection of %s", token).isEqualTo(expected);
        return e;
    }

    private static String flipLastCharacter(String text) {
        char last = text.charAt(text.length() - 1);
        return text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
