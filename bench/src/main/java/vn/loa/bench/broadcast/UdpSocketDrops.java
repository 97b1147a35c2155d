package vn.loa.bench.broadcast;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Datagrams the kernel dropped on one process's UDP sockets (their receive buffers full), from the {@code drops}
 * column of /proc/net/udp and udp6: shows which side fell behind when speakers fail to join or lose a stream.
 */
final class UdpSocketDrops {
    private static final String SOCKET_LINK_PREFIX = "socket:[";

    private UdpSocketDrops() {
    }

    static long ofProcess(long pid) throws IOException {
        Set<String> inodes = socketInodes(Path.of("/proc", Long.toString(pid), "fd"));
        long drops = 0;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path file = Path.of(table);
            if (Files.exists(file)) {
                drops += dropsOf(Files.readAllLines(file), inodes);
            }
        }
        return drops;
    }

    /** The drops of the table's sockets with one of the inodes; the first line is the header. */
    static long dropsOf(List<String> table, Set<String> inodes) {
        long drops = 0;
        for (String line : table.subList(Math.min(1, table.size()), table.size())) {
            String[] columns = line.trim().split("\\s+");
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
            if (columns.length >= 13 && inodes.contains(columns[9])) {
                drops += Long.parseLong(columns[columns.length - 1]);
            }
        }
        return drops;
    }

    private static Set<String> socketInodes(Path fdDirectory) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith(SOCKET_LINK_PREFIX)) {
                    inodes.add(target.substring(SOCKET_LINK_PREFIX.length(), target.length() - 1));
                }
            }
        }
        return inodes;
    }
}
