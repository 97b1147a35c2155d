package vn.loa.controller.telemetry;

import static java.time.ZoneOffset.UTC;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.device.PeriodicJob;
import vn.loa.controller.device.TelemetrySink;
import vn.loa.protocol.message.Telemetry;

/**
 * Queues every accepted telemetry report and writes the queue to {@code telemetry_raw} in JDBC batches about once
 * a second, from one thread. The queue is bounded: when the database falls behind, new reports are dropped and
 * counted rather than filling the heap.
 */
public final class TelemetryWriter implements TelemetrySink {
    /** Five reports from each of 10,000 speakers: several seconds of a stalled database. */
    public static final int QUEUE_CAPACITY = 50_000;
    public static final int BATCH_SIZE = 1_000;
    public static final Duration FLUSH_PERIOD = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(TelemetryWriter.class);

    private final Jdbi jdbi;
    private final BlockingQueue<TelemetrySample> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Counter written;
    private final Counter dropped;

    public TelemetryWriter(Jdbi jdbi, MeterRegistry meters) {
        this.jdbi = jdbi;
        this.written = Counter.builder("loa.telemetry.written").description("telemetry rows stored").register(meters);
        this.dropped = Counter.builder("loa.telemetry.dropped")
                .description("telemetry reports not stored: queue full or database failure").register(meters);
    }

    @Override
    public void record(String deviceId, Telemetry telemetry, Instant receivedAt) {
        if (!queue.offer(TelemetrySample.of(deviceId, telemetry, receivedAt))) {
            dropped.increment();
        }
    }

    /** Writes everything queued now; the rows of a failed batch are counted as dropped. */
    public void flush() {
        List<TelemetrySample> batch = new ArrayList<>(BATCH_SIZE);
        while (queue.drainTo(batch, BATCH_SIZE) > 0) {
            try {
                write(batch);
                written.increment(batch.size());
            } catch (RuntimeException e) {
                dropped.increment(batch.size());
                log.error("could not store {} telemetry rows", batch.size(), e);
            }
            batch.clear();
        }
    }

    public PeriodicJob job() {
        return new PeriodicJob("telemetry-writer", FLUSH_PERIOD, this::flush, true);
    }

    int queued() {
        return queue.size();
    }

    private void write(List<TelemetrySample> batch) {
        jdbi.useTransaction(h -> {
            PreparedBatch insert = h.prepareBatch("INSERT INTO telemetry_raw (device_id, ts, volume, muted, amplifier,"
                    + " playing, signal_dbm, temperature_c, uptime_s) VALUES (:deviceId, :ts, :volume, :muted,"
                    + " :amplifier, :playing, :signal, :temperature, :uptime)");
            for (TelemetrySample s : batch) {
                insert.bind("deviceId", s.deviceId()).bind("ts", OffsetDateTime.ofInstant(s.ts(), UTC))
                        .bind("volume", s.volume()).bind("muted", s.muted()).bind("amplifier", s.amplifier())
                        .bind("playing", s.playing()).bind("signal", s.signal())
                        .bind("temperature", s.temperature()).bind("uptime", s.uptime()).add();
            }
            insert.execute();
        });
    }
}
