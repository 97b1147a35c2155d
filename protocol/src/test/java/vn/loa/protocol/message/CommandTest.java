package vn.loa.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.protocol.codec.Decoding.accepted;
import static vn.loa.protocol.codec.Decoding.rejection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.RejectReason;

class CommandTest {
    private static final long EXPIRES = 1_795_240_830_000L;

    @Test
    void aCommandExpiresOnlyAfterItsExpiryInstant() {
        Command c = Command.of("c-1", CommandType.ping, null, EXPIRES);
        assertThat(c.expiredAt(EXPIRES - 1)).isFalse();
        assertThat(c.expiredAt(EXPIRES)).isFalse();
        assertThat(c.expiredAt(EXPIRES + 1)).isTrue();
        assertThat(c.expiredAt(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void aCommandWithoutExpiryNeverExpiresButIsInvalid() {
        Command c = new Command(1, "c-1", CommandType.ping, null, null, null, null);
        assertThat(c.expiredAt(Long.MAX_VALUE)).isFalse();
        assertThat(rejection(Command.class, "{\"v\":1,\"id\":\"c-1\",\"type\":\"ping\"}").reason())
                .isEqualTo(RejectReason.INVALID_FIELD);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 70, 100})
    void volumeTakesAnIntegerFrom0To100(int level) throws InvalidMessageException {
        assertThat(accepted(Command.class, command("volume", Integer.toString(level))).value()).isEqualTo(level);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "3000000000", "70.0", "\"70\"", "true", "null", "[70]", "{\"level\":70}"})
    void volumeRefusesAnythingElse(String value) {
        InvalidMessageException e = rejection(Command.class, command("volume", value));
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).contains("volume needs an integer value within 0..100");
    }

    @Test
    void amplifierTakesABoolean() throws InvalidMessageException {
        assertThat(accepted(Command.class, command("amplifier", "true")).value()).isEqualTo(true);
        assertThat(accepted(Command.class, command("amplifier", "false")).value()).isEqualTo(false);
        for (String value : new String[] {"1", "\"true\"", "null"}) {
            assertThat(rejection(Command.class, command("amplifier", value)).getMessage())
                    .contains("amplifier needs a boolean value");
        }
    }

    @ParameterizedTest
    @EnumSource(value = CommandType.class, names = {"mute", "unmute", "reboot", "ping"})
    void commandsWithoutAValueRefuseOne(CommandType type) throws InvalidMessageException {
        assertThat(accepted(Command.class, command(type.name(), "null")).type()).isEqualTo(type);
        InvalidMessageException e = rejection(Command.class, command(type.name(), "1"));
        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo(type + " takes no value");
    }

    @Test
    void credentialsCarryTheNewSecret() throws InvalidMessageException {
        Command c = accepted(Command.class,
                "{\"v\":1,\"id\":\"c-1\",\"type\":\"credentials\",\"secret\":\"n3w\",\"expires\":" + EXPIRES + "}");
        assertThat(c).isEqualTo(Command.credentials("c-1", "n3w", EXPIRES));
        assertThat(rejection(Command.class, command("credentials", "null")).getMessage())
                .isEqualTo("secret is required");
    }

    @Test
    void everyCommandTypeIsKnownByItsLowerCaseName() {
        assertThat(CommandType.values()).extracting(CommandType::name)
                .containsExactly("volume", "mute", "unmute", "amplifier", "reboot", "ping", "credentials", "play",
                        "stop");
    }

    private static String command(String type, String value) {
        return "{\"v\":1,\"id\":\"c-1\",\"type\":\"" + type + "\",\"value\":" + value + ",\"expires\":" + EXPIRES
                + "}";
    }
}
