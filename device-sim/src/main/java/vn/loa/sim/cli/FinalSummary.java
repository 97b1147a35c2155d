package vn.loa.sim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.sim.FleetStats;
import vn.loa.sim.LatencySamples;
import vn.loa.sim.audio.PlaybackRecord;
import vn.loa.sim.audio.PlaybackSummary;

/** The JSON the CLI prints on stdout when it ends: what the fleet did, for people and for the benchmark. */
final class FinalSummary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FinalSummary() {
    }

    /** @param history every speaker's playbacks by device id, or null to leave them out */
    static String toJson(FleetStats stats, PlaybackSummary playback, Map<String, List<PlaybackRecord>> history,
                         long runMillis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("speakers", stats.speakers());
        out.put("connected", stats.connected());
        out.put("phases", stats.phases());
        out.put("rampMillis", stats.rampMillis());
        out.put("runMillis", runMillis);
        out.put("provisionRequests", stats.provisionRequests());
        out.put("reconnects", stats.reconnects());
        out.put("reboots", stats.reboots());
        Map<String, Object> commands = new LinkedHashMap<>();
        commands.put("received", stats.commandsReceived());
        commands.put("answered", stats.commandsAnswered());
        commands.put("invalidDropped", stats.invalidDropped());
        out.put("commands", commands);
        LatencySamples.Summary latency = stats.commandLatency();
        Map<String, Object> latencyOut = new LinkedHashMap<>();
        latencyOut.put("count", latency.count());
        latencyOut.put("p50", latency.p50Millis());
        latencyOut.put("p99", latency.p99Millis());
        latencyOut.put("max", latency.maxMillis());
        latencyOut.put("skipped", latency.skipped());
        out.put("commandLatencyAtDeviceMillis", latencyOut);
        out.put("messagesIn", stats.messagesIn());
        out.put("messagesOut", stats.messagesOut());
        out.put("peakThreads", ManagementFactory.getThreadMXBean().getPeakThreadCount());
        out.put("threadLimitReached", stats.threadLimitReached());
        out.put("playback", playback);
        if (history != null) {
            out.put("history", history);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary", e);
        }
    }
}
