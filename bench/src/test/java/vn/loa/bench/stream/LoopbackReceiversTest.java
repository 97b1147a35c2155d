package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackReceiversTest {

    @Test
    void receiversAreConsecutiveLoopbackAddressesFrom127_1_0_1() {
        assertThat(LoopbackReceivers.host(0)).isEqualTo("127.1.0.1");
        assertThat(LoopbackReceivers.host(254)).isEqualTo("127.1.0.255");
        assertThat(LoopbackReceivers.host(255)).isEqualTo("127.1.1.0");
        assertThat(LoopbackReceivers.host(9_999)).isEqualTo("127.1.39.16");
        assertThat(LoopbackReceivers.host(LoopbackReceivers.MAX_RECEIVERS - 1)).isEqualTo("127.17.0.0");
    }

    @Test
    void indicesOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> LoopbackReceivers.host(LoopbackReceivers.MAX_RECEIVERS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoopbackReceivers.host(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFileTheSendersReadHoldsEveryReceiver(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("receivers.txt");
        LoopbackReceivers.write(file, 3, 40_000);
        assertThat(LoopbackReceivers.read(file)).containsExactly(new InetSocketAddress("127.1.0.1", 40_000),
                new InetSocketAddress("127.1.0.2", 40_000), new InetSocketAddress("127.1.0.3", 40_000));
    }
}
