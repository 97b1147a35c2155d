package vn.loa.bench.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.bench.support.ChildProcess;

/**
 * One sender at one receiver count: the arrival recorder, then the sender; after a warm-up, a measured window
 * bounded by two samples of the sender's CPU time and sent-datagram count; then the arrivals are judged.
 */
final class StreamRun {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /**
     * The sender keeps streaming this long after the window, so the copies of the window's last frames are all
     * sent before it stops (a wide fan-out on a busy machine spreads one frame over hundreds of milliseconds).
     */
    private static final Duration TAIL = Duration.ofSeconds(2);
    /** Writing out a 10,000-receiver window on a busy machine can take a while; cut short, the record is lost. */
    private static final Duration RECORDER_GRACE = Duration.ofSeconds(120);

    private final Path receiverBinary;
    private final Path workDir;
    private final Duration warmUp;
    private final Duration window;

    StreamRun(Path receiverBinary, Path workDir, Duration warmUp, Duration window) {
        this.receiverBinary = receiverBinary;
        this.workDir = workDir;
        this.warmUp = warmUp;
        this.window = window;
    }

    Map<String, Object> run(SenderSide side, int receivers) throws IOException, InterruptedException {
        Path dir = workDir.resolve(side.key() + "-" + receivers);
        Files.createDirectories(dir);
        Path arrivals = dir.resolve("arrivals.bin");
        Sample start;
        Sample end;
        long senderRss;
        UdpCounters udpBefore = UdpCounters.read();
        try (ChildProcess recorder = ChildProcess.startTalking("receiver",
                List.of(receiverBinary.toString(), "0", arrivals.toString()), dir.resolve("receiver.log"))) {
            int port = JSON.readTree(recorder.nextJsonLine()).get("port").asInt();
            Path receiverList = dir.resolve("receivers.txt");
            LoopbackReceivers.write(receiverList, receivers, port);
            try (ChildProcess sender = ChildProcess.startTalking(side.key(), side.command().apply(receiverList),
                    dir.resolve("sender.log"))) {
                LOG.info("{} ready: {}", side.label(), sender.nextJsonLine());
                Thread.sleep(warmUp.toMillis());
                start = Sample.take(sender);
                Thread.sleep(window.toMillis());
                end = Sample.take(sender);
                senderRss = sender.rssBytes();
                Thread.sleep(TAIL.toMillis());
                recorder.requireAlive();
                sender.tell("stop");
                sender.stop(STOP_GRACE);
            }
            recorder.stop(RECORDER_GRACE); // SIGTERM: it reads what is still queued, then writes the file out
            if (recorder.exitValue() != 0) {
                throw new IOException("the receiver did not finish its record (exit " + recorder.exitValue()
                        + "); see " + recorder.log());
            }
        }
        UdpCounters drops = UdpCounters.read().since(udpBefore);
        FanoutQuality quality = FanoutJudge.judge(judge -> ArrivalLog.replay(arrivals, judge), receivers,
                side.frameMillis(), start.epochNanos, end.epochNanos);
        Files.delete(arrivals); // a 10,000-receiver window is over 100 MB
        return measures(receivers, side.frameMillis(), start, end, senderRss, quality, drops);
    }

    /**
     * CPU per receiver-second counts the audio actually sent (a packet is one frame's worth for one receiver): a
     * sender that could not keep real time is charged for what it did, not for the wall-clock window.
     */
    private static Map<String, Object> measures(int receivers, int frameMillis, Sample start, Sample end,
                                                long senderRss, FanoutQuality quality, UdpCounters drops) {
        double seconds = (end.epochNanos - start.epochNanos) / 1e9;
        double cpuSeconds = end.cpuSeconds - start.cpuSeconds;
        long sent = end.packetsSent - start.packetsSent;
        double receiverSecondsSent = sent * frameMillis / 1000.0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowSeconds", seconds);
        m.put("cpuSeconds", cpuSeconds);
        m.put("packetsSent", sent);
        m.put("realTimeShare", receiverSecondsSent / (receivers * seconds));
        m.put("cpuSecondsPer1000Packets", cpuSeconds / sent * 1000);
        m.put("cpuMsPerReceiverSecond", cpuSeconds * 1000 / receiverSecondsSent);
        m.putAll(quality.toMap());
        if (start.senderDetail.has("framesSkipped")) {
            m.put("pacerFramesSkipped", end.senderDetail.get("framesSkipped").asLong()
                    - start.senderDetail.get("framesSkipped").asLong());
            m.put("liveSourceDroppedMillis", end.senderDetail.get("sourceDroppedMillis").asLong()
                    - start.senderDetail.get("sourceDroppedMillis").asLong());
        }
        m.put("kernelReceiveBufferDropsDuringRun", drops.receiveBufferErrors());
        m.put("kernelSendBufferDropsDuringRun", drops.sendBufferErrors());
        m.put("senderRssMb", senderRss / 1_048_576);
        m.put("loadAverage1mAtStart", start.loadAverage);
        m.put("loadAverage1mAtEnd", end.loadAverage);
        return m;
    }

    /**
     * The sender at one instant: its datagrams sent, its CPU time, the wall clock, the machine's load (other
     * work on the same cores shows in lateness and jitter) and the rest of the sender's answer.
     */
    private record Sample(long packetsSent, double cpuSeconds, long epochNanos, double loadAverage,
                          JsonNode senderDetail) {
        static Sample take(ChildProcess sender) throws IOException {
            sender.tell("sample");
            JsonNode answer = JSON.readTree(sender.nextJsonLine());
            double cpu = ProcessCpu.seconds(sender.pid());
            Instant now = Instant.now();
            return new Sample(answer.get("packetsSent").asLong(), cpu,
                    now.getEpochSecond() * 1_000_000_000L + now.getNano(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), answer);
        }
    }
}
