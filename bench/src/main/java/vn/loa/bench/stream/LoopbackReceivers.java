package vn.loa.bench.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's receivers: distinct loopback addresses 127.1.0.1, 127.1.0.2, ... all on the port of the one
 * receiving socket (Linux delivers the whole of 127/8 locally). Both senders read them from one file, a
 * "host port" pair a line.
 */
final class LoopbackReceivers {
    /** Addresses from 127.1.0.1 up stay clear of 127.0.0.1 and of the 127.255.255.255 broadcast. */
    static final int MAX_RECEIVERS = 1 << 20;
    private static final int FIRST = (127 << 24) | (1 << 16) | 1;

    private LoopbackReceivers() {
    }

    static String host(int index) {
        if (index < 0 || index >= MAX_RECEIVERS) {
            throw new IllegalArgumentException("receiver index must be within 0.." + (MAX_RECEIVERS - 1));
        }
        int a = FIRST + index;
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }

    /** The index of the receiver at an IPv4 address (as an int, host order), or -1 if none of them is there. */
    static int index(int ipv4) {
        long index = (ipv4 & 0xFFFFFFFFL) - FIRST;
        return index >= 0 && index < MAX_RECEIVERS ? (int) index : -1;
    }

    static void write(Path file, int count, int port) throws IOException {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(host(i) + " " + port);
        }
        Files.write(file, lines);
    }

    static List<InetSocketAddress> read(Path file) throws IOException {
        List<InetSocketAddress> receivers = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] hostPort = line.trim().split(" ");
            receivers.add(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        }
        return receivers;
    }
}
