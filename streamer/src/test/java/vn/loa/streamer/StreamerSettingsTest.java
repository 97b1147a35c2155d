package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamerSettingsTest {
    private static final byte[] KEY = new byte[32];

    @Test
    void defaultsAreTheWireContracts() {
        StreamerSettings settings = StreamerSettings.defaults("0.0.0.0", 5004, KEY);
        assertThat(settings.receiverTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.senderReportInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxReceiversPerStream()).isEqualTo(20_000);
    }

    @Test
    void theKeyIsCopiedInAndOut() {
        byte[] key = new byte[32];
        StreamerSettings settings = StreamerSettings.defaults("0.0.0.0", 0, key);
        key[0] = 1;
        settings.joinKey()[1] = 1;
        assertThat(settings.joinKey()).containsOnly(0);
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> StreamerSettings.defaults("0.0.0.0", 0, new byte[31]))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> StreamerSettings.defaults("0.0.0.0", 65536, KEY)).hasMessageContaining("port");
        assertThatThrownBy(() -> new StreamerSettings("0.0.0.0", 0, KEY, Duration.ZERO, Duration.ofSeconds(5), 1))
                .hasMessageContaining("receiverTimeout");
        assertThatThrownBy(() -> new StreamerSettings("0.0.0.0", 0, KEY, Duration.ofSeconds(1),
                Duration.ofSeconds(-1), 1)).hasMessageContaining("senderReportInterval");
        assertThatThrownBy(() -> new StreamerSettings("0.0.0.0", 0, KEY, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0)).hasMessageContaining("maxReceiversPerStream");
    }

    @Test
    void streamOptionsNeedADynamicPayloadTypeAndA32BitSsrc() {
        assertThat(StreamOptions.DEFAULT).isEqualTo(new StreamOptions(96, 0));
        assertThatThrownBy(() -> new StreamOptions(95, 0)).hasMessageContaining("dynamic payload type");
        assertThatThrownBy(() -> new StreamOptions(128, 0)).hasMessageContaining("dynamic payload type");
        assertThatThrownBy(() -> new StreamOptions(96, 1L << 32)).hasMessageContaining("32-bit");
        assertThat(new StreamOptions(127, 0xFFFFFFFFL).ssrc()).isEqualTo(0xFFFFFFFFL);
    }
}
