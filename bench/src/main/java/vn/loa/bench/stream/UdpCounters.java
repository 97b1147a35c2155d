package vn.loa.bench.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Machine-wide UDP drop counters from /proc/net/snmp: proof that the receiving side kept up. */
record UdpCounters(long receiveBufferErrors, long sendBufferErrors) {

    static UdpCounters read() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/net/snmp")));
    }

    static UdpCounters parse(List<String> snmp) {
        List<String> udp = snmp.stream().filter(l -> l.startsWith("Udp: ")).toList();
        List<String> names = List.of(udp.get(0).split(" "));
        String[] values = udp.get(1).split(" ");
        return new UdpCounters(Long.parseLong(values[names.indexOf("RcvbufErrors")]),
                Long.parseLong(values[names.indexOf("SndbufErrors")]));
    }

    UdpCounters since(UdpCounters earlier) {
        return new UdpCounters(receiveBufferErrors - earlier.receiveBufferErrors,
                sendBufferErrors - earlier.sendBufferErrors);
    }
}
