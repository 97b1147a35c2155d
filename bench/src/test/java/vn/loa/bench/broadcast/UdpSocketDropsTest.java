package vn.loa.bench.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UdpSocketDropsTest {
    static final List<String> TABLE = List.of(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref"
                    + " pointer drops",
            " 2937: 00000000:BB0E 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2308759 2"
                    + " 00000000aac16847 4504",
            "13399: 0100007F:A3EC 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2398399 2"
                    + " 0000000014167307 7",
            "13400: 0100007F:A3ED 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2398400 2"
                    + " 0000000014167308 100");

    @Test
    void onlyTheSocketsOfTheProcessCount() {
        assertThat(UdpSocketDrops.dropsOf(TABLE, Set.of("2308759", "2398399"))).isEqualTo(4511);
        assertThat(UdpSocketDrops.dropsOf(TABLE, Set.of())).isZero();
        assertThat(UdpSocketDrops.dropsOf(List.of(), Set.of("1"))).isZero();
    }

    @Test
    void aProcessWithAQuietSocketHasNoDrops() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertThat(UdpSocketDrops.ofProcess(ProcessHandle.current().pid())).isZero();
        }
    }
}
