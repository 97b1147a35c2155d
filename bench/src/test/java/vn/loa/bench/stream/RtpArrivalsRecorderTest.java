package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.bench.support.ChildProcess;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.SenderReport;

/** The C arrival recorder, compiled with gcc and fed real datagrams on loopback addresses other than 127.0.0.1. */
class RtpArrivalsRecorderTest {
    private static final Path SOURCE = Path.of("receiver/rtp_arrivals.c");

    private static Path compile(Path dir) throws IOException, InterruptedException {
        Path binary = dir.resolve("rtp_arrivals");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-Werror", "-o", binary.toString(), SOURCE.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as(output).isZero();
        return binary;
    }

    private static ByteBuffer rtp(int sequence, long timestamp) {
        ByteBuffer b = ByteBuffer.allocate(RtpHeader.SIZE + 40);
        new RtpHeader(false, 96, sequence, timestamp, 0x1234).writeTo(b);
        return b.position(b.limit()).flip();
    }

    @Test
    void recordsEveryRtpPacketAndTheReceiverItWasSentToAndSkipsRtcpAndGarbage(@TempDir Path dir) throws Exception {
        Path records = dir.resolve("arrivals.bin");
        long before = epochNanos();
        List<long[]> recorded = new ArrayList<>();
        try (ChildProcess recorder = ChildProcess.startTalking("recorder",
                List.of(compile(dir).toString(), "0", records.toString()), dir.resolve("recorder.log"));
             DatagramChannel sender = DatagramChannel.open()) {
            int port = new ObjectMapper().readTree(recorder.nextJsonLine()).get("port").asInt();
            for (int i = 0; i < 3; i++) {
                sender.send(rtp(65_534 + i, 0xFFFF_FC00L + 960L * i),
                        new InetSocketAddress(LoopbackReceivers.host(i * 300), port));
            }
            ByteBuffer report = ByteBuffer.allocate(64);
            new SenderReport(0x1234, 0, 0, 3, 120).writeTo(report);
            sender.send(report.flip(), new InetSocketAddress(LoopbackReceivers.host(1), port));
            sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), new InetSocketAddress(LoopbackReceivers.host(2), port));
            recorder.stop(Duration.ofSeconds(30));
            assertThat(recorder.exitValue()).isZero();
        }
        ArrivalLog.replay(records, (arrival, timestamp, sequence, receiver) ->
                recorded.add(new long[] {arrival, timestamp, sequence, receiver}));
        long after = epochNanos();
        assertThat(recorded).hasSize(3);
        assertThat(recorded).extracting(r -> r[2]).containsExactly(65_534L, 65_535L, 0L);
        assertThat(recorded).extracting(r -> r[1]).containsExactly(0xFFFF_FC00L, 0xFFFF_FFC0L, 0x380L);
        assertThat(recorded).allSatisfy(r -> assertThat(r[0]).isBetween(before, after));
        assertThat(recorded).extracting(r -> r[3]).containsExactly(0L, 300L, 600L);
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
