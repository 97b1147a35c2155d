package vn.loa.controller.device;

import static vn.loa.controller.device.DeviceRepository.instant;
import static vn.loa.controller.device.DeviceRepository.utc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The last known live state in {@code device_state}, written behind the in-memory copy so a restarted server
 * (and the list's online filter) still knows when each device was last seen.
 */
public final class DeviceStateTable {
    private static final String VALUES = "online = :online, last_seen = :lastSeen, connected_at = :connectedAt,"
            + " volume = :volume, muted = :muted, amplifier = :amplifier, playing = :playing, signal_dbm = :signal,"
            + " temperature_c = :temperature, uptime_s = :uptime, firmware = :firmware, boot_id = :bootId,"
            + " reported_desired_version = :desiredVersion, updated_at = :now";

    private final Jdbi jdbi;
    private final Clock clock;

    public DeviceStateTable(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** At start nobody is connected yet. */
    public void markAllOffline() {
        jdbi.useHandle(h -> h.createUpdate("UPDATE device_state SET online = FALSE, updated_at = :now"
                + " WHERE online = TRUE").bind("now", utc(clock.instant())).execute());
    }

    /** Upserts in two batches (update, then insert the rows that were missing): portable to H2 and PostgreSQL. */
    public void write(List<LiveState.Snapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch updates = h.prepareBatch("UPDATE device_state SET " + VALUES + " WHERE device_id = :id");
            snapshots.forEach(s -> bind(updates, s).add());
            int[] counts = updates.execute();
            List<LiveState.Snapshot> missing = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    missing.add(snapshots.get(i));
                }
            }
            if (!missing.isEmpty()) {
                PreparedBatch inserts = h.prepareBatch("INSERT INTO device_state (device_id, online, last_seen,"
                        + " connected_at, volume, muted, amplifier, playing, signal_dbm, temperature_c, uptime_s,"
                        + " firmware, boot_id, reported_desired_version, updated_at) VALUES (:id, :online, :lastSeen,"
                        + " :connectedAt, :volume, :muted, :amplifier, :playing, :signal, :temperature, :uptime,"
                        + " :firmware, :bootId, :desiredVersion, :now)");
                missing.forEach(s -> bind(inserts, s).add());
                inserts.execute();
            }
        });
    }

    /** The stored state of a device the server has not heard from since it started. */
    public Optional<LiveState.Snapshot> find(String deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM device_state WHERE device_id = :id")
                .bind("id", deviceId)
                .map((rs, ctx) -> new LiveState.Snapshot(deviceId, rs.getBoolean("online"),
                        instant(rs, "connected_at"), instant(rs, "last_seen"), rs.getObject("volume", Integer.class),
                        rs.getObject("muted", Boolean.class), rs.getObject("amplifier", Boolean.class),
                        rs.getString("playing"), rs.getObject("signal_dbm", Integer.class),
                        rs.getObject("temperature_c", Double.class), rs.getObject("uptime_s", Long.class),
                        rs.getString("firmware"), null, rs.getString("boot_id"), List.of(),
                        rs.getObject("reported_desired_version", Long.class), null))
                .findOne());
    }

    private PreparedBatch bind(PreparedBatch batch, LiveState.Snapshot s) {
        return batch.bind("id", s.deviceId()).bind("online", s.online()).bind("lastSeen", utc(s.lastSeen()))
                .bind("connectedAt", utc(s.connectedAt())).bind("volume", s.volume()).bind("muted", s.muted())
                .bind("amplifier", s.amplifier()).bind("playing", s.playing()).bind("signal", s.signal())
                .bind("temperature", s.temperature()).bind("uptime", s.uptime()).bind("firmware", s.firmware())
                .bind("bootId", s.bootId()).bind("desiredVersion", s.reportedDesiredVersion())
                .bind("now", utc(clock.instant()));
    }
}
