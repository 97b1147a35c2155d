package vn.loa.controller.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import vn.loa.streamer.ReceiverStats;
import vn.loa.streamer.RtpStream;
import vn.loa.streamer.source.SourceHealth;

/** How the API shows streams. */
final class StreamViews {
    private StreamViews() {
    }

    /** A stream in the list: {@code receivers} counts latched devices, {@code listeners} static listeners. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Summary(String id, String name, SourceSpec source, String description, SourceHealth health, int frameMs,
                   int delayMs, long ssrc, int payloadType, boolean srtp, int receivers, int listeners,
                   long packetsSent, String createdBy, Instant startedAt, Instant endedAt) {
    }

    /** One stream with every receiver's figures (devices' from their RTCP receiver reports). */
    record Details(@JsonUnwrapped Summary stream, int devicesToldToPlay, List<Receiver> receiverStats) {
    }

    /** @param deviceId null for a static listener */
    record Receiver(String deviceId, String address, Instant since, long packetsSent, Instant lastHeard,
                    double lossShare, long cumulativeLost, double jitterMillis, Double rttMillis) {
    }

    static Summary summary(RunningStream stream) {
        RtpStream rtp = stream.rtp();
        List<ReceiverStats> receivers = rtp.receivers();
        int devices = (int) receivers.stream().filter(r -> r.deviceId() != null).count();
        return new Summary(rtp.id(), stream.name(), stream.source(), rtp.describe(), rtp.health(), rtp.frameMillis(),
                stream.delayMs(), rtp.ssrc(), rtp.payloadType(), rtp.srtp().isPresent(), devices,
                receivers.size() - devices, rtp.packetsSent(), stream.createdBy(), stream.startedAt(),
                stream.ended().at());
    }

    static Details details(RunningStream stream) {
        List<Receiver> receivers = stream.rtp().receivers().stream()
                .map(r -> new Receiver(r.deviceId(), address(r.address()), r.since(), r.packetsSent(), r.lastHeard(),
                        r.lossShare(), r.cumulativeLost(), r.jitterMillis(), r.rttMillis()))
                .toList();
        return new Details(summary(stream), stream.toldToPlay().size(), receivers);
    }

    static String address(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
