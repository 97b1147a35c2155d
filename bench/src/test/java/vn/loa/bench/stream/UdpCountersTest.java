package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdpCountersTest {

    @Test
    void dropCountersAreReadByNameFromTheUdpLines() {
        List<String> snmp = List.of(
                "Tcp: RtoAlgorithm RtoMin",
                "Tcp: 1 200",
                "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti",
                "Udp: 1000 2 7 900 5 3 0 0",
                "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti",
                "UdpLite: 0 0 0 0 0 0 0 0");
        UdpCounters counters = UdpCounters.parse(snmp);
        assertThat(counters).isEqualTo(new UdpCounters(5, 3));
        assertThat(new UdpCounters(9, 4).since(counters)).isEqualTo(new UdpCounters(4, 1));
    }

    @Test
    void thisMachineReportsThem() throws IOException {
        assertThat(UdpCounters.read().receiveBufferErrors()).isNotNegative();
    }
}
