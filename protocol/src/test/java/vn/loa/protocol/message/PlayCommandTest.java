package vn.loa.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static vn.loa.protocol.codec.Decoding.accepted;
import static vn.loa.protocol.codec.Decoding.reasonFor;
import static vn.loa.protocol.codec.Decoding.rejection;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.codec.RejectReason;
import vn.loa.protocol.rtp.JoinTokens;
import vn.loa.protocol.srtp.SrtpKey;

/** The {@code play} and {@code stop} commands and every field of a play order. */
class PlayCommandTest {
    private static final long EXPIRES = 1_795_240_830_000L;
    private static final PlayOrder ORDER = new PlayOrder("s-20251121-0600", "radio.example.vn", 5004,
            "s-20251121-0600.spk-0001.1795241100.q9dR2kLx7mWb.3pTqL8vZk2mN0cXyR5sA1w", 305_419_896L, 96, 60, 300);
    private static final String KEY = "WVNfX19abV45aDIpSTMuNSMrNmVRczJmVmVYOVRU";
    private static final String SUITE_JSON = "\"AES_CM_128_HMAC_SHA1_80\"";
    /** {@link #ORDER} as JSON. */
    private static final String ORDER_JSON = "{\"stream\":\"s-20251121-0600\",\"host\":\"radio.example.vn\","
            + "\"port\":5004,\"token\":\"s-20251121-0600.spk-0001.1795241100.q9dR2kLx7mWb.3pTqL8vZk2mN0cXyR5sA1w\","
            + "\"ssrc\":305419896,\"pt\":96,\"frameMs\":60,\"delayMs\":300}";

    @Test
    void aPlayCommandRoundTripsWithItsOrder() throws InvalidMessageException {
        Command play = Command.play("c-1", ORDER, EXPIRES);
        byte[] json = MessageCodec.encode(play);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                "{\"v\":1,\"id\":\"c-1\",\"type\":\"play\",\"play\":" + ORDER_JSON + ",\"expires\":" + EXPIRES + "}");
        assertThat(MessageCodec.decode(json, Command.class, PayloadLimits.COMMAND_BYTES)).isEqualTo(play);
    }

    @Test
    void aStopCommandNamesTheStream() throws InvalidMessageException {
        Command stop = accepted(Command.class, command("stop", "\"value\":\"s-20251121-0600\""));
        assertThat(stop).isEqualTo(Command.of("c-1", CommandType.stop, "s-20251121-0600", EXPIRES));
    }

    @Test
    void theLargestPlayCommandFitsTheCommandLimit() throws InvalidMessageException {
        PlayOrder largest = new PlayOrder("s".repeat(64), "h".repeat(253), 65535,
                "~".repeat(JoinTokens.MAX_TOKEN_LENGTH), 0xFFFFFFFFL, 127, 60, PlayOrder.MAX_DELAY_MS, 100,
                new PlaySrtp(SrtpKey.generate(new SecureRandom()), PlaySrtp.MAX_INDEX));
        Command play = Command.play("c".repeat(64), largest, Long.MAX_VALUE);
        byte[] json = MessageCodec.encode(play);
        assertThat(json.length).isLessThan(PayloadLimits.COMMAND_BYTES);
        assertThat(MessageCodec.decode(json, Command.class, PayloadLimits.COMMAND_BYTES)).isEqualTo(play);
    }

    /** A field, JSON values at its limits that pass, and values just beyond them. */
    static Stream<Arguments> limits() {
        return Stream.of(
                arguments("stream", List.of("\"s\"", "\"0\"", quoted("s".repeat(64)), "\"a_b-c\""),
                        List.of("\"\"", "\"S-1\"", "\"s.1\"", "\"s/1\"", "\"-s\"", quoted("s".repeat(65)))),
                arguments("host", List.of("\"h\"", "\"10.0.0.5\"", "\"2001:db8::5\"", quoted("h".repeat(253))),
                        List.of("\"\"", "\"radio example\"", "\"radio/x\"", "\"đài.vn\"", quoted("h".repeat(254)))),
                arguments("port", List.of("1", "65535"), List.of("0", "65536", "-1")),
                arguments("token", List.of("\"!\"", "\"~\"", quoted("t".repeat(JoinTokens.MAX_TOKEN_LENGTH))),
                        List.of("\"\"", "\"a b\"", "\"tiếng\"", "\"a\\tb\"",
                                quoted("t".repeat(JoinTokens.MAX_TOKEN_LENGTH + 1)))),
                arguments("ssrc", List.of("0", "4294967295"), List.of("-1", "4294967296")),
                arguments("pt", List.of("96", "127"), List.of("95", "128", "0")),
                arguments("frameMs", List.of("20", "60"), List.of("0", "10", "40", "120")),
                arguments("delayMs", List.of("20", "5000"), List.of("19", "5001", "0")));
    }

    @ParameterizedTest
    @MethodSource("limits")
    void everyFieldOfTheOrderHasItsLimits(String field, List<String> inside, List<String> outside)
            throws InvalidMessageException {
        for (String value : inside) {
            accepted(Command.class, playWith(field, value));
        }
        for (String value : outside) {
            InvalidMessageException e = rejection(Command.class, playWith(field, value));
            assertThat(e.reason()).as("%s = %s", field, value).isEqualTo(RejectReason.INVALID_FIELD);
            assertThat(e.getMessage()).startsWith("play." + field + " ");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void aVolumeFrom0To100IsCarriedAndRoundTrips(int volume) throws InvalidMessageException {
        Command play = accepted(Command.class, playWithVolume(Integer.toString(volume)));
        assertThat(play.play().volume()).isEqualTo(volume);
        assertThat(new String(MessageCodec.encode(play), StandardCharsets.UTF_8))
                .contains(",\"delayMs\":300,\"volume\":" + volume + "}");
    }

    @Test
    void anOrderWithoutVolumeLeavesTheDevicesOwnVolumeAndSaysNothingOfIt() throws InvalidMessageException {
        assertThat(accepted(Command.class, command("play", "\"play\":" + ORDER_JSON)).play().volume()).isNull();
        assertThat(accepted(Command.class, playWithVolume("null")).play().volume()).isNull();
        assertThat(new String(MessageCodec.encode(Command.play("c-1", ORDER, EXPIRES)), StandardCharsets.UTF_8))
                .doesNotContain("volume");
    }

    @Test
    void anSrtpOrderCarriesTheSuiteTheKeyAndThePacketIndex() throws InvalidMessageException {
        Command play = accepted(Command.class, playWithSrtp(SUITE_JSON, quoted(KEY), "65539"));
        assertThat(play.play().srtp().masterKey()).isEqualTo(SrtpKey.parse(KEY));
        assertThat(play.play().srtp().index()).isEqualTo(65_539L);
        assertThat(play.play().srtp().toString()).doesNotContain(KEY);
        assertThat(new String(MessageCodec.encode(play), StandardCharsets.UTF_8)).contains(",\"srtp\":{\"suite\":"
                + SUITE_JSON + ",\"key\":\"" + KEY + "\",\"index\":65539}}");
        assertThat(MessageCodec.decode(MessageCodec.encode(play), Command.class, PayloadLimits.COMMAND_BYTES))
                .isEqualTo(play);
    }

    @ParameterizedTest
    @MethodSource("badSrtp")
    void aBadSrtpPartIsAnInvalidFieldNamingIt(String suite, String key, String index, String message) {
        InvalidMessageException e = rejection(Command.class, playWithSrtp(suite, key, index));
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).startsWith(message);
    }

    static Stream<Arguments> badSrtp() {
        return Stream.of(
                arguments("\"AES_CM_128_HMAC_SHA1_32\"", quoted(KEY), "0",
                        "play.srtp.suite must be AES_CM_128_HMAC_SHA1_80"),
                arguments("null", quoted(KEY), "0", "play.srtp.suite is required"),
                arguments(SUITE_JSON, "null", "0", "play.srtp.key is required"),
                arguments(SUITE_JSON, quoted(KEY.substring(1)), "0", "play.srtp.key: an SRTP key is 40 base64"),
                arguments(SUITE_JSON, quoted("!" + KEY.substring(1)), "0", "play.srtp.key: an SRTP key is 40"),
                arguments(SUITE_JSON, quoted(KEY), "null", "play.srtp.index is required"),
                arguments(SUITE_JSON, quoted(KEY), "-1", "play.srtp.index must be within"),
                arguments(SUITE_JSON, quoted(KEY), Long.toString(PlaySrtp.MAX_INDEX + 1),
                        "play.srtp.index must be within"));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void aVolumeOutside0To100IsAnInvalidField(int volume) {
        InvalidMessageException e = rejection(Command.class, playWithVolume(Integer.toString(volume)));
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("play.volume must be within 0..100, was " + volume);
    }

    @ParameterizedTest
    @ValueSource(strings = {"70.5", "100.0", "\"70\"", "true", "[70]"})
    void aVolumeThatIsNotAnIntegerIsMalformed(String volume) {
        InvalidMessageException e = rejection(Command.class, playWithVolume(volume));
        assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(e.getMessage()).as("names the value and the integer it should be").contains("Integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream", "host", "port", "token", "ssrc", "pt", "frameMs", "delayMs"})
    void everyFieldOfTheOrderIsRequired(String field) {
        InvalidMessageException e = rejection(Command.class, playWith(field, "null"));
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("play." + field + " is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"port:\"5004\"", "ssrc:\"305419896\"", "pt:96.0", "frameMs:\"60\"", "delayMs:true",
        "token:5", "host:[\"a\"]"})
    void aFieldOfTheWrongJsonTypeIsMalformed(String replacement) {
        String[] pair = replacement.split(":", 2);
        assertThat(reasonFor(Command.class, playWith(pair[0], pair[1]))).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void aPlayCommandNeedsItsOrderAndNothingElse() {
        assertThat(rejection(Command.class, command("play", "\"value\":null")).getMessage())
                .isEqualTo("play is required");
        assertThat(rejection(Command.class, command("play", "\"play\":" + ORDER_JSON + ",\"value\":\"s-1\""))
                .getMessage()).isEqualTo("play takes no value");
        assertThat(rejection(Command.class, command("play", "\"play\":" + ORDER_JSON + ",\"secret\":\"x\""))
                .getMessage()).isEqualTo("play takes no secret");
        assertThat(reasonFor(Command.class, command("play", "\"play\":\"s-1\""))).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "volume", "ping", "credentials"})
    void onlyAPlayCommandCarriesAnOrder(String type) {
        InvalidMessageException e = rejection(Command.class,
                command(type, "\"value\":70,\"secret\":\"s\",\"play\":" + ORDER_JSON));
        assertThat(e.getMessage()).isEqualTo(type + " takes no play order");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"S-1\"", "\"s.1\"", "7", "true", "[\"s-1\"]"})
    void stopNeedsAStreamIdAsItsValue(String value) {
        InvalidMessageException e = rejection(Command.class, command("stop", "\"value\":" + value));
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("stop needs the stream id as its value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"volume", "stop", "ping", "reboot"})
    void onlyTheCredentialsCommandCarriesASecret(String type) {
        String value = switch (type) {
            case "volume" -> "70";
            case "stop" -> "\"s-1\"";
            default -> "null";
        };
        InvalidMessageException e = rejection(Command.class, command(type, "\"value\":" + value + ",\"secret\":\"s\""));
        assertThat(e.getMessage()).isEqualTo(type + " takes no secret");
    }

    @Test
    void theCredentialsCommandTakesNoValue() {
        assertThat(rejection(Command.class, command("credentials", "\"secret\":\"s\",\"value\":1")).getMessage())
                .isEqualTo("credentials takes no value");
    }

    /** The play command with one field of the order replaced by the given JSON value. */
    private static String playWith(String field, String value) {
        Matcher existing = Pattern.compile("\"" + field + "\":(\"[^\"]*\"|[0-9]+)").matcher(ORDER_JSON);
        assertThat(existing.find()).as("the order has %s", field).isTrue();
        String order = existing.replaceFirst(Matcher.quoteReplacement("\"" + field + "\":" + value));
        return command("play", "\"play\":" + order);
    }

    /** The play command with {@link #ORDER} and the given JSON value as its volume. */
    private static String playWithVolume(String value) {
        return command("play", "\"play\":" + ORDER_JSON.replace("}", ",\"volume\":" + value + "}"));
    }

    private static String playWithSrtp(String suite, String key, String index) {
        return command("play", "\"play\":" + ORDER_JSON.replace("}", ",\"srtp\":{\"suite\":" + suite + ",\"key\":"
                + key + ",\"index\":" + index + "}}"));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String command(String type, String fields) {
        return "{\"v\":1,\"id\":\"c-1\",\"type\":\"" + type + "\"," + fields + ",\"expires\":" + EXPIRES + "}";
    }
}
