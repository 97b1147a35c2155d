package vn.loa.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static vn.loa.protocol.codec.Decoding.accepted;
import static vn.loa.protocol.codec.Decoding.reasonFor;
import static vn.loa.protocol.codec.Decoding.rejection;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.RejectReason;

/** The field rules of every message, checked through the codec as a receiver meets them. */
class MessageValidationTest {

    static Stream<Arguments> missingRequiredFields() {
        return Stream.of(
                arguments(DeviceState.class, "{\"v\":1,\"firmware\":\"1.0\"}", "status"),
                arguments(DeviceState.class, "{\"v\":1,\"status\":\"online\",\"capabilities\":[\"a\",null]}",
                        "capabilities[]"),
                arguments(DeviceEvent.class, "{\"v\":1,\"stream\":\"s-1\"}", "event"),
                arguments(CommandResult.class, "{\"v\":1,\"status\":\"ok\"}", "id"),
                arguments(CommandResult.class, "{\"v\":1,\"id\":\"c-1\"}", "status"),
                arguments(Command.class, "{\"v\":1,\"type\":\"ping\",\"expires\":1}", "id"),
                arguments(Command.class, "{\"v\":1,\"id\":\"c-1\",\"expires\":1}", "type"),
                arguments(Command.class, "{\"v\":1,\"id\":\"c-1\",\"type\":\"ping\"}", "expires"),
                arguments(Command.class, "{\"v\":1,\"id\":\"c-1\",\"type\":\"ping\",\"expires\":null}", "expires"),
                arguments(DesiredState.class, "{\"v\":1,\"version\":1}", "groups"),
                arguments(DesiredState.class, "{\"v\":1,\"version\":1,\"groups\":[\"1\",null]}", "groups[]"),
                arguments(ProvisionRequest.class, "{\"v\":1,\"model\":\"LX-30\"}", "serial"),
                arguments(ProvisionReply.class, "{\"v\":1,\"retryAfter\":5}", "status"),
                arguments(ProvisionReply.class, "{\"v\":1,\"status\":\"approved\",\"secret\":\"s\"}", "deviceId"),
                arguments(ProvisionReply.class, "{\"v\":1,\"status\":\"approved\",\"deviceId\":\"spk-1\"}",
                        "secret"));
    }

    @ParameterizedTest
    @MethodSource("missingRequiredFields")
    void aMissingRequiredFieldIsNamedInTheRejection(Class<? extends WireMessage> type, String json, String field) {
        InvalidMessageException e = rejection(type, json);
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).startsWith(field + " ");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments(Telemetry.class, "{\"v\":1,\"volume\":\"70\"}"),
                arguments(Telemetry.class, "{\"v\":1,\"volume\":70.5}"),
                arguments(Telemetry.class, "{\"v\":1,\"volume\":true}"),
                arguments(Telemetry.class, "{\"v\":1,\"muted\":1}"),
                arguments(Telemetry.class, "{\"v\":1,\"muted\":\"true\"}"),
                arguments(Telemetry.class, "{\"v\":1,\"temperature\":\"41\"}"),
                arguments(Telemetry.class, "{\"v\":1,\"uptime\":1.5}"),
                arguments(Telemetry.class, "{\"v\":1,\"playing\":5}"),
                arguments(Telemetry.class, "{\"v\":1,\"playing\":true}"),
                arguments(Telemetry.class, "{\"v\":1,\"playing\":{\"id\":\"s-1\"}}"),
                arguments(DeviceState.class, "{\"v\":1,\"status\":\"online\",\"capabilities\":\"volume\"}"),
                arguments(DeviceState.class, "{\"v\":1,\"status\":\"Online\"}"),
                arguments(DeviceState.class, "{\"v\":1,\"status\":0}"),
                arguments(CommandResult.class, "{\"v\":1,\"id\":\"c-1\",\"status\":\"done\"}"),
                arguments(Command.class, "{\"v\":1,\"id\":7,\"type\":\"ping\",\"expires\":1}"),
                arguments(Command.class, "{\"v\":1,\"id\":\"c-1\",\"type\":3,\"expires\":1}"),
                arguments(Command.class, "{\"v\":1,\"id\":\"c-1\",\"type\":\"ping\",\"expires\":\"1\"}"),
                arguments(Command.class, "{\"v\":1,\"id\":\"c-1\",\"type\":\"dance\",\"expires\":1}"),
                arguments(DesiredState.class, "{\"v\":1,\"version\":1,\"groups\":\"7\"}"),
                arguments(DesiredState.class, "{\"v\":1,\"version\":1,\"groups\":[7]}"),
                arguments(DesiredState.class, "{\"v\":1,\"version\":\"1\",\"groups\":[]}"),
                arguments(DesiredState.class, "{\"v\":1,\"groups\":[]}"),
                arguments(ProvisionReply.class, "{\"v\":1,\"status\":\"pending\",\"retryAfter\":\"60\"}"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsNeverConverted(Class<? extends WireMessage> type, String json) {
        assertThat(reasonFor(type, json)).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    /** A template with {@code %s} where the number goes, the edges that pass and the values just outside. */
    static Stream<Arguments> ranges() {
        return Stream.of(
                arguments(Telemetry.class, "{\"v\":1,\"volume\":%s}", "0 100", "-1 101"),
                arguments(Telemetry.class, "{\"v\":1,\"signal\":%s}", "-150 0", "-151 1"),
                arguments(Telemetry.class, "{\"v\":1,\"temperature\":%s}", "-40 125 -39.5 124.9", "-40.1 125.1"),
                arguments(Telemetry.class, "{\"v\":1,\"uptime\":%s}", "0 9223372036854775807", "-1"),
                arguments(Telemetry.class, "{\"v\":1,\"desiredVersion\":%s}", "0", "-1"),
                arguments(DeviceState.class, "{\"v\":1,\"status\":\"online\",\"desiredVersion\":%s}", "0", "-1"),
                arguments(DeviceEvent.class, "{\"v\":1,\"event\":\"button\",\"ts\":%s}", "0", "-1"),
                arguments(DesiredState.class, "{\"v\":1,\"version\":1,\"volume\":%s,\"groups\":[]}", "0 100",
                        "-1 101"),
                arguments(DesiredState.class, "{\"v\":1,\"version\":%s,\"groups\":[]}", "0", "-1"),
                arguments(ProvisionReply.class, "{\"v\":1,\"status\":\"pending\",\"retryAfter\":%s}", "1 86400",
                        "0 86401"));
    }

    @ParameterizedTest
    @MethodSource("ranges")
    void numbersMustBeInTheirRange(Class<? extends WireMessage> type, String template, String inside,
                                   String outside) throws InvalidMessageException {
        for (String value : inside.split(" ")) {
            accepted(type, template.formatted(value));
        }
        for (String value : outside.split(" ")) {
            InvalidMessageException e = rejection(type, template.formatted(value));
            assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
            assertThat(e.getMessage()).contains("must be within");
        }
    }

    /** A template with {@code %s} where the text goes, and the longest text allowed there. */
    static Stream<Arguments> texts() {
        return Stream.of(
                arguments(DeviceState.class, "{\"v\":1,\"status\":\"online\",\"firmware\":\"%s\"}", 64),
                arguments(DeviceState.class, "{\"v\":1,\"status\":\"online\",\"model\":\"%s\"}", 64),
                arguments(DeviceState.class, "{\"v\":1,\"status\":\"online\",\"bootId\":\"%s\"}", 64),
                arguments(DeviceState.class, "{\"v\":1,\"status\":\"online\",\"capabilities\":[\"%s\"]}", 32),
                arguments(Telemetry.class, "{\"v\":1,\"playing\":\"%s\"}", 64),
                arguments(DeviceEvent.class, "{\"v\":1,\"event\":\"button\",\"stream\":\"%s\"}", 64),
                arguments(DeviceEvent.class, "{\"v\":1,\"event\":\"button\",\"detail\":\"%s\"}", 256),
                arguments(CommandResult.class, "{\"v\":1,\"id\":\"c-1\",\"status\":\"failed\",\"reason\":\"%s\"}", 256),
                arguments(Command.class,
                        "{\"v\":1,\"id\":\"c-1\",\"type\":\"credentials\",\"secret\":\"%s\",\"expires\":1}", 128),
                arguments(ProvisionRequest.class, "{\"v\":1,\"serial\":\"SN1\",\"model\":\"%s\"}", 64),
                arguments(ProvisionRequest.class, "{\"v\":1,\"serial\":\"SN1\",\"firmware\":\"%s\"}", 64),
                arguments(ProvisionRequest.class, "{\"v\":1,\"serial\":\"SN1\",\"imei\":\"%s\"}", 20),
                arguments(ProvisionRequest.class, "{\"v\":1,\"serial\":\"SN1\",\"iccid\":\"%s\"}", 22),
                arguments(ProvisionRequest.class, "{\"v\":1,\"serial\":\"SN1\",\"area\":\"%s\"}", 64),
                arguments(ProvisionReply.class, "{\"v\":1,\"status\":\"rejected\",\"reason\":\"%s\"}", 256));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void textsAreLimitedInCharactersNotBytes(Class<? extends WireMessage> type, String template, int max)
            throws InvalidMessageException {
        accepted(type, template.formatted("ệ".repeat(max)));
        InvalidMessageException e = rejection(type, template.formatted("ệ".repeat(max + 1)));
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).contains("at most " + max);
    }

    @ParameterizedTest
    @MethodSource("texts")
    void textsMustNotHoldControlCharacters(Class<? extends WireMessage> type, String template, int max) {
        for (char control : new char[] {0x00, '\t', '\n', '\r', 0x1b, 0x1f, 0x7f, 0x85, 0x9f}) {
            String json = template.formatted("a%sb".formatted("\\u%04x".formatted((int) control)));
            assertThat(reasonFor(type, json)).as(json).isEqualTo(RejectReason.INVALID_FIELD);
        }
    }

    @Test
    void aDesiredStateHoldsAtMost64Groups() throws InvalidMessageException {
        assertThat(accepted(DesiredState.class, desiredWithGroups(DesiredState.MAX_GROUPS)).groups())
                .hasSize(DesiredState.MAX_GROUPS);
        InvalidMessageException e = rejection(DesiredState.class, desiredWithGroups(DesiredState.MAX_GROUPS + 1));
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("groups may hold at most 64 entries");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "07", "-1", "a", "", "1/2", "+", "1000000000000000000"})
    void desiredGroupsMustBeGroupIds(String group) {
        assertThat(reasonFor(DesiredState.class, "{\"v\":1,\"version\":1,\"groups\":[\"" + group + "\"]}"))
                .isEqualTo(RejectReason.INVALID_FIELD);
    }

    @Test
    void aStateHoldsAtMost32Capabilities() throws InvalidMessageException {
        accepted(DeviceState.class, stateWithCapabilities(32));
        assertThat(reasonFor(DeviceState.class, stateWithCapabilities(33))).isEqualTo(RejectReason.INVALID_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Button", "1button", "-button", "play_back", "play back", "",
        "abcdefghijklmnopqrstuvwxyz1234567"})
    void eventNamesAreShortLowerCaseWords(String event) {
        assertThat(reasonFor(DeviceEvent.class, "{\"v\":1,\"event\":\"" + event + "\"}"))
                .isEqualTo(RejectReason.INVALID_FIELD);
    }

    @Test
    void theLongestEventNameIs32Characters() throws InvalidMessageException {
        assertThat(accepted(DeviceEvent.class, "{\"v\":1,\"event\":\"a" + "b-1".repeat(10) + "c\"}").event())
                .hasSize(32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c.1", "c 1", "c/1", ""})
    void commandAndResultIdsMustBeCommandIds(String id) {
        assertThat(reasonFor(Command.class, "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"ping\",\"expires\":1}"))
                .isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(reasonFor(CommandResult.class, "{\"v\":1,\"id\":\"" + id + "\",\"status\":\"ok\"}"))
                .isEqualTo(RejectReason.INVALID_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOA/1", ".LOA1", "LOA 1", "LOA#1", ""})
    void provisioningSerialsMustBeSerials(String serial) {
        assertThat(reasonFor(ProvisionRequest.class, "{\"v\":1,\"serial\":\"" + serial + "\"}"))
                .isEqualTo(RejectReason.INVALID_FIELD);
    }

    @Test
    void onlyAnApprovalNeedsAnIdAndASecret() throws InvalidMessageException {
        assertThat(accepted(ProvisionReply.class, "{\"v\":1,\"status\":\"pending\"}").retryAfter()).isNull();
        assertThat(accepted(ProvisionReply.class, "{\"v\":1,\"status\":\"rejected\",\"reason\":\"revoked\"}")
                .reason()).isEqualTo("revoked");
    }

    @Test
    void theOfflineWillNeedsNothingButItsStatus() throws InvalidMessageException {
        assertThat(accepted(DeviceState.class, "{\"v\":1,\"status\":\"offline\"}")).isEqualTo(DeviceState.offline());
    }

    private static String desiredWithGroups(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "\"" + i + "\"")
                .collect(Collectors.joining(",", "{\"v\":1,\"version\":1,\"groups\":[", "]}"));
    }

    private static String stateWithCapabilities(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "\"cap" + i + "\"")
                .collect(Collectors.joining(",", "{\"v\":1,\"status\":\"online\",\"capabilities\":[", "]}"));
    }
}
