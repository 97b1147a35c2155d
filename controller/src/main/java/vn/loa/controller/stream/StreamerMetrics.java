package vn.loa.controller.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import vn.loa.protocol.rtp.JoinRejection;
import vn.loa.streamer.RtpStream;
import vn.loa.streamer.StreamerCounters;

/**
 * The streamer's counters as Micrometer meters ({@code loa_streamer_packets_sent_total},
 * {@code loa_streamer_joins_rejected_total{reason}}, ...) and a receiver gauge per running stream.
 */
final class StreamerMetrics {
    static final String RECEIVERS = "loa.stream.receivers";

    private final MeterRegistry registry;
    private final Map<String, Meter> receiverGauges = new ConcurrentHashMap<>();

    StreamerMetrics(MeterRegistry registry, StreamerCounters counters) {
        this.registry = registry;
        counter("loa.streamer.packets.sent", "RTP datagrams sent, one per receiver per frame", counters,
                StreamerCounters::packetsSent);
        counter("loa.streamer.joins.accepted", "join packets that latched a device", counters,
                StreamerCounters::joinsAccepted);
        for (JoinRejection rejection : JoinRejection.values()) {
            FunctionCounter.builder("loa.streamer.joins.rejected", counters, c -> c.joinsRejected(rejection))
                    .description("join packets refused, by reason")
                    .tag("reason", rejection.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        counter("loa.streamer.datagrams.malformed", "datagrams on the RTP port that could not be read", counters,
                StreamerCounters::malformedDatagrams);
        counter("loa.streamer.rtcp.received", "RTCP packets received from latched receivers", counters,
                StreamerCounters::rtcpReceived);
        counter("loa.streamer.rtcp.unauthenticated", "RTCP to an SRTP stream that failed SRTCP authentication",
                counters, StreamerCounters::rtcpUnauthenticated);
        counter("loa.streamer.frames.skipped", "frames not sent because the pacer ran late; speakers hear a gap",
                counters, StreamerCounters::framesSkipped);
        counter("loa.streamer.receivers.timed.out", "receivers dropped after falling silent", counters,
                StreamerCounters::receiversTimedOut);
    }

    void streamOpened(RtpStream stream) {
        receiverGauges.put(stream.id(), Gauge.builder(RECEIVERS, stream, RtpStream::receiverCount)
                .description("devices and static listeners a stream sends to")
                .tag("stream", stream.id())
                .register(registry));
    }

    void streamRemoved(String streamId) {
        Meter gauge = receiverGauges.remove(streamId);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    private void counter(String name, String description, StreamerCounters counters,
                         ToDoubleFunction<StreamerCounters> value) {
        FunctionCounter.builder(name, counters, value).description(description).register(registry);
    }
}
