package vn.loa.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.MessageKinds;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.codec.RejectReason;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;
import vn.loa.protocol.message.WireMessage;

/** Keeps docs/device-protocol.md true: every JSON example in it is decoded with the real codec. */
class DeviceProtocolDocTest {
    private static final Path DOC = Path.of("../docs/device-protocol.md");

    private static String text;
    private static List<DocExamples.Example> examples;
    private static Map<String, Class<? extends WireMessage>> typesByName;

    @BeforeAll
    static void readDocument() throws IOException {
        text = Files.readString(DOC, StandardCharsets.UTF_8);
        examples = DocExamples.parse(text.lines().toList());
        typesByName = MessageKinds.all().stream().collect(Collectors.toMap(Class::getSimpleName, Function.identity()));
    }

    @Test
    void everyJsonBlockNamesAKnownMessageType() {
        assertThat(examples).isNotEmpty();
        assertThat(examples)
                .as("```json blocks must be tagged with a type of %s, or 'invalid' and a type", typesByName.keySet())
                .allSatisfy(e -> assertThat(typesByName).containsKey(e.typeName()));
    }

    @Test
    void everyInvalidExampleStatesAKnownReason() {
        Set<String> labels = Arrays.stream(RejectReason.values()).map(RejectReason::label).collect(Collectors.toSet());
        assertThat(examples.stream().filter(DocExamples.Example::invalid))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(labels).as("reason stated before %s", e).contains(e.statedReason()));
    }

    @TestFactory
    Stream<DynamicTest> everyValidExampleDecodesValidatesAndRoundTrips() {
        return examples.stream().filter(e -> !e.invalid()).map(e -> DynamicTest.dynamicTest(e.toString(), () -> {
            WireMessage message = decode(e);
            assertThat(MessageCodec.decode(MessageCodec.encode(message), message.getClass(), limitOf(e)))
                    .isEqualTo(message);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidExampleIsRejectedWithTheStatedReason() {
        return examples.stream().filter(DocExamples.Example::invalid).map(e -> DynamicTest.dynamicTest(e.toString(),
                () -> {
                    InvalidMessageException rejected = catchThrowableOfType(InvalidMessageException.class,
                            () -> decode(e));
                    assertThat(rejected).as("%s must be rejected", e).isNotNull();
                    assertThat(rejected.reason().label()).as("reason for %s (%s)", e, rejected.getMessage())
                            .isEqualTo(e.statedReason());
                }));
    }

    @Test
    void everyMessageTypeHasAValidExample() {
        Set<String> shown = examples.stream().filter(e -> !e.invalid()).map(DocExamples.Example::typeName)
                .collect(Collectors.toSet());
        assertThat(shown).containsAll(typesByName.keySet());
    }

    @Test
    void everyCommandTypeHasAValidExample() throws InvalidMessageException {
        Set<CommandType> shown = EnumSet.noneOf(CommandType.class);
        for (DocExamples.Example e : examples) {
            if (!e.invalid() && "Command".equals(e.typeName())) {
                shown.add(((Command) decode(e)).type());
            }
        }
        assertThat(shown).containsExactlyInAnyOrder(CommandType.values());
    }

    @Test
    void everyTimingAndLimitConstantIsInTheDocumentWithItsValue() {
        assertThat(publicIntConstants(Timing.class)).allSatisfy((name, value) -> assertThat(text)
                .containsPattern("`" + name + "` *\\| " + value + " s"));
        assertThat(publicIntConstants(PayloadLimits.class)).allSatisfy((name, value) -> assertThat(text)
                .containsPattern(String.format(Locale.ROOT, "%,d", value) + " bytes[^\\n]*`PayloadLimits\\." + name + "`"));
    }

    @Test
    void everyRejectReasonIsExplained() {
        assertThat(RejectReason.values()).allSatisfy(r -> assertThat(text).contains("| `" + r.label() + "` |"));
    }

    @Test
    void parserTellsTaggedUntaggedAndInvalidBlocksApart() {
        List<DocExamples.Example> parsed = DocExamples.parse(List.of(
                "```json", "{}", "```",
                "Rejected with `too-large`: because.", "", "```json invalid Telemetry", "{\"v\": 1}", "```",
                "```json Telemetry Extra", "{}", "```",
                "```text", "not json", "```"));
        assertThat(parsed).hasSize(3);
        assertThat(parsed.get(0).typeName()).isNull();
        assertThat(parsed.get(1).invalid()).isTrue();
        assertThat(parsed.get(1).typeName()).isEqualTo("Telemetry");
        assertThat(parsed.get(1).statedReason()).isEqualTo("too-large");
        assertThat(parsed.get(1).json()).isEqualTo("{\"v\": 1}\n");
        assertThat(parsed.get(2).typeName()).isNull();
        assertThatCode(() -> DocExamples.parse(List.of("```json Telemetry", "{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static WireMessage decode(DocExamples.Example e) throws InvalidMessageException {
        return MessageCodec.decode(e.json().getBytes(StandardCharsets.UTF_8), typesByName.get(e.typeName()), limitOf(e));
    }

    private static int limitOf(DocExamples.Example e) {
        return MessageKinds.limitFor(typesByName.get(e.typeName()));
    }

    private static Map<String, Integer> publicIntConstants(Class<?> holder) {
        return Arrays.stream(holder.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == int.class)
                .collect(Collectors.toMap(Field::getName, DeviceProtocolDocTest::intValue));
    }

    private static int intValue(Field f) {
        try {
            return f.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
