package vn.loa.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.protocol.codec.Decoding.accepted;
import static vn.loa.protocol.codec.Decoding.reasonFor;
import static vn.loa.protocol.codec.Decoding.rejection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandResult;
import vn.loa.protocol.message.CommandType;
import vn.loa.protocol.message.DesiredState;
import vn.loa.protocol.message.DeviceEvent;
import vn.loa.protocol.message.DeviceState;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.protocol.message.ProvisionReply;
import vn.loa.protocol.message.ProvisionRequest;
import vn.loa.protocol.message.Telemetry;
import vn.loa.protocol.message.WireMessage;

class MessageCodecTest {
    /** One message of every kind with every field set. */
    private static final List<WireMessage> FULL_MESSAGES = List.of(
            new DeviceState(1, DeviceState.Status.online, "1.4.2", "LX-30", "boot-7d4c", List.of("volume", "mute"),
                    12L),
            new Telemetry(1, 70, false, true, "s-1", -87, 41.5, 86_400L, 12L),
            new DeviceEvent(1, "playback-failed", "s-1", "không có âm thanh", 1_795_240_800_000L),
            new CommandResult(1, "c-1", CommandResult.Status.failed, "expired"),
            new Command(1, "c-1", CommandType.volume, 70, null, null, 1_795_240_830_000L),
            new Command(1, "c-2", CommandType.amplifier, true, null, null, 1_795_240_830_000L),
            new Command(1, "c-3", CommandType.credentials, null, "new-secret", null, 1_795_240_830_000L),
            new Command(1, "c-4", CommandType.play, null, null, new PlayOrder("s-1", "10.0.0.5", 5004,
                    "s-1.spk-1.1795241100.q9dR2kLx7mWb.3pTqL8vZk2mN0cXyR5sA1w", 4_294_967_295L, 111, 20, 150),
                    1_795_240_830_000L),
            new Command(1, "c-5", CommandType.stop, "s-1", null, null, 1_795_240_830_000L),
            new DesiredState(1, 12, 70, true, List.of("3", "42")),
            new ProvisionRequest(1, "LOA-2025.000123", "LX-30", "1.4.2", "356938035643809", "8984049000123456789",
                    "HN-BV-TL"),
            new ProvisionReply(1, ProvisionReply.Status.approved, "spk-0001", "secret", null, null));

    /** The smallest valid payload per device topic. */
    private static final Map<DeviceTopic, String> MINIMAL_BY_TOPIC = Map.of(
            DeviceTopic.STATE, "{\"v\":1,\"status\":\"online\"}",
            DeviceTopic.TELEMETRY, "{\"v\":1}",
            DeviceTopic.EVENT, "{\"v\":1,\"event\":\"button\"}",
            DeviceTopic.RESULT, "{\"v\":1,\"id\":\"c-1\",\"status\":\"ok\"}",
            DeviceTopic.COMMAND, "{\"v\":1,\"id\":\"c-1\",\"type\":\"ping\",\"expires\":1}",
            DeviceTopic.DESIRED, "{\"v\":1,\"version\":1,\"groups\":[]}");

    @Test
    void everyKindOfMessageSurvivesARoundTrip() throws InvalidMessageException {
        for (WireMessage message : FULL_MESSAGES) {
            byte[] json = MessageCodec.encode(message);
            assertThat(MessageCodec.decode(json, message.getClass(), MessageKinds.limitFor(message.getClass())))
                    .isEqualTo(message);
        }
        assertThat(FULL_MESSAGES).extracting(WireMessage::getClass).map(Class::getSimpleName)
                .containsAll(MessageKinds.all().stream().map(Class::getSimpleName).toList());
    }

    @Test
    void factoriesMakeValidMessagesThatRoundTrip() throws InvalidMessageException {
        List<WireMessage> made = List.of(DeviceState.offline(), Command.of("c-1", CommandType.mute, null, 5),
                Command.credentials("c-2", "s3cret", 5), CommandResult.ok("c-1"), CommandResult.failed("c-1", "x"),
                ProvisionReply.approved("spk-1", "s3cret"), ProvisionReply.pending(60),
                ProvisionReply.rejected("revoked"));
        for (WireMessage message : made) {
            assertThat(MessageCodec.decode(MessageCodec.encode(message), message.getClass(),
                    MessageKinds.limitFor(message.getClass()))).isEqualTo(message);
        }
    }

    @Test
    void encodingLeavesOutAbsentFields() {
        assertThat(text(DeviceState.offline())).isEqualTo("{\"v\":1,\"status\":\"offline\"}");
        assertThat(text(CommandResult.ok("c-1"))).isEqualTo("{\"v\":1,\"id\":\"c-1\",\"status\":\"ok\"}");
        assertThat(text(Command.of("c-1", CommandType.volume, 70, 5)))
                .isEqualTo("{\"v\":1,\"id\":\"c-1\",\"type\":\"volume\",\"value\":70,\"expires\":5}");
    }

    @ParameterizedTest
    @EnumSource(DeviceTopic.class)
    void aPayloadExactlyAtItsTopicsLimitIsAcceptedAndOneByteMoreIsNot(DeviceTopic topic)
            throws InvalidMessageException {
        int limit = PayloadLimits.forDeviceTopic(topic);
        String minimal = MINIMAL_BY_TOPIC.get(topic);

        assertThat(MessageCodec.decode(topic, paddedTo(minimal, limit))).isNotNull();
        InvalidMessageException e = rejectionOf(topic, paddedTo(minimal, limit + 1));
        assertThat(e.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(e.getMessage()).contains(Integer.toString(limit));
    }

    @Test
    void theProvisioningRequestLimitCountsBytesNotCharacters() throws InvalidMessageException {
        int limit = PayloadLimits.PROVISION_REQUEST_BYTES;
        String minimal = "{\"v\":1,\"serial\":\"SN1\",\"area\":\"đ\"}";
        byte[] atLimit = paddedTo(minimal, limit);
        assertThat(MessageCodec.decode(atLimit, ProvisionRequest.class, limit).area()).isEqualTo("đ");
        assertThat(reason(paddedTo(minimal, limit + 1), ProvisionRequest.class, limit))
                .isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void decodingByTopicPicksTheMessageOfThatTopic() throws InvalidMessageException {
        Map<DeviceTopic, Class<?>> expected = Map.of(DeviceTopic.STATE, DeviceState.class,
                DeviceTopic.TELEMETRY, Telemetry.class, DeviceTopic.EVENT, DeviceEvent.class,
                DeviceTopic.RESULT, CommandResult.class, DeviceTopic.COMMAND, Command.class,
                DeviceTopic.DESIRED, DesiredState.class);
        for (DeviceTopic topic : DeviceTopic.values()) {
            byte[] payload = MINIMAL_BY_TOPIC.get(topic).getBytes(StandardCharsets.UTF_8);
            assertThat(MessageCodec.decode(topic, payload)).isInstanceOf(expected.get(topic));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"v\":1", "not json", "[]", "[{\"v\":1}]", "1", "\"v\"", "{v:1}",
        "{'v':1}", "{\"v\":1,}"})
    void malformedJsonIsRejected(String payload) {
        assertThat(reasonFor(Telemetry.class, payload)).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"v\":1} x", "{\"v\":1}{\"v\":1}", "{\"v\":1}]", "{\"v\":1} null"})
    void anythingAfterTheObjectIsRejected(String payload) {
        assertThat(reasonFor(Telemetry.class, payload)).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void trailingWhitespaceIsNotGarbage() throws InvalidMessageException {
        assertThat(accepted(Telemetry.class, "{\"v\":1}\r\n \t").v()).isEqualTo(1);
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] payload = {'{', '"', 'v', '"', ':', '1', ',', '"', 'p', 'l', 'a', 'y', 'i', 'n', 'g', '"', ':', '"',
            (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(reason(payload, Telemetry.class, PayloadLimits.TELEMETRY_BYTES))
                .isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void jsonNullIsRejected() {
        InvalidMessageException e = rejection(Telemetry.class, "null");
        assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(e.getMessage()).contains("null");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, -1, 100})
    void anyVersionButOneIsUnsupported(int version) {
        for (Map.Entry<DeviceTopic, String> minimal : MINIMAL_BY_TOPIC.entrySet()) {
            byte[] payload = minimal.getValue().replace("\"v\":1", "\"v\":" + version)
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(rejectionOf(minimal.getKey(), payload).reason()).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"v\":null}", "{\"v\":\"1\"}", "{\"v\":1.0}", "{\"v\":true}"})
    void aMissingOrMistypedVersionIsMalformed(String payload) {
        assertThat(reasonFor(Telemetry.class, payload)).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void unknownFieldsAreIgnoredWhereverTheyAre() throws InvalidMessageException {
        Telemetry t = accepted(Telemetry.class,
                "{\"battery\":{\"level\":[1,2,{\"x\":null}]},\"v\":1,\"volume\":70,\"future\":\"yes\"}");
        assertThat(t.volume()).isEqualTo(70);
        Command c = accepted(Command.class,
                "{\"v\":1,\"id\":\"c-1\",\"type\":\"ping\",\"expires\":1,\"priority\":\"emergency\"}");
        assertThat(c.type()).isEqualTo(CommandType.ping);
    }

    @Test
    void theRejectReasonLabelsAreTheOnesTheDocumentAndMetricsUse() {
        Map<RejectReason, String> labels = Arrays.stream(RejectReason.values())
                .collect(Collectors.toMap(Function.identity(), RejectReason::label));
        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of(
                RejectReason.TOO_LARGE, "too-large", RejectReason.MALFORMED_JSON, "malformed-json",
                RejectReason.UNSUPPORTED_VERSION, "unsupported-version",
                RejectReason.INVALID_FIELD, "invalid-field", RejectReason.UNKNOWN_TOPIC, "unknown-topic",
                RejectReason.UNKNOWN_COMMAND, "unknown-command", RejectReason.NOT_ALLOWED, "not-allowed",
                RejectReason.OVERLOADED, "overloaded"));
    }

    /** The JSON object with an unknown "pad" field added so that the whole is exactly {@code size} bytes. */
    private static byte[] paddedTo(String minimalJson, int size) {
        String open = minimalJson.substring(0, minimalJson.length() - 1) + ",\"pad\":\"";
        String close = "\"}";
        int padding = size - open.getBytes(StandardCharsets.UTF_8).length - close.length();
        byte[] payload = (open + "x".repeat(padding) + close).getBytes(StandardCharsets.UTF_8);
        assertThat(payload).hasSize(size);
        return payload;
    }

    private static InvalidMessageException rejectionOf(DeviceTopic topic, byte[] payload) {
        try {
            MessageCodec.decode(topic, payload);
        } catch (InvalidMessageException e) {
            return e;
        }
        throw new AssertionError(new String(payload, StandardCharsets.UTF_8) + " must be rejected on " + topic);
    }

    private static RejectReason reason(byte[] payload, Class<? extends WireMessage> type, int limit) {
        try {
            MessageCodec.decode(payload, type, limit);
        } catch (InvalidMessageException e) {
            return e.reason();
        }
        throw new AssertionError("payload must be rejected as " + type.getSimpleName());
    }

    private static String text(WireMessage message) {
        return new String(MessageCodec.encode(message), StandardCharsets.UTF_8);
    }
}
