package vn.loa.controller.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import vn.loa.controller.http.ListPage;

/**
 * Per device of an area subtree (active devices only): the online share of a period and the disconnects in it, from
 * {@code presence_events}, counting the state each device was in before the period began.
 */
public final class UptimeReport {
    /** Devices computed per round of queries. */
    static final int CHUNK = 500;

    private final Jdbi jdbi;
    private final Function<String, Optional<Instant>> liveLastSeen;

    /** @param liveLastSeen when a device was last heard from, from memory (fresher than the stored state) */
    public UptimeReport(Jdbi jdbi, Function<String, Optional<Instant>> liveLastSeen) {
        this.jdbi = jdbi;
        this.liveLastSeen = liveLastSeen;
    }

    private record Transition(String deviceId, Instant at, boolean online) {
    }

    private record DeviceRow(String id, String serial, String name, Long areaId, String areaName, Instant lastSeen) {
    }

    /**
     * A page of the report.
     *
     * @param areaPrefix the path of the subtree reported on
     * @param end        where the period stops counting: its end, or now if that is earlier
     */
    public ListPage<UptimeRow> page(String areaPrefix, Period period, Instant end, int limit, long offset) {
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM devices d JOIN areas a ON a.id = d.area_id"
                            + " WHERE d.status = 'active' AND a.path LIKE :prefix")
                    .bind("prefix", areaPrefix + "%").mapTo(Long.class).one();
            List<DeviceRow> devices = devices(h, areaPrefix, limit, offset);
            return new ListPage<>(compute(h, devices, period, end), total);
        });
    }

    /** Every row of the report, a chunk of devices at a time (for exports). */
    public void forEach(String areaPrefix, Period period, Instant end, Consumer<UptimeRow> each) {
        jdbi.useHandle(h -> {
            for (long offset = 0; ; offset += CHUNK) {
                List<DeviceRow> devices = devices(h, areaPrefix, CHUNK, offset);
                compute(h, devices, period, end).forEach(each);
                if (devices.size() < CHUNK) {
                    return;
                }
            }
        });
    }

    private static List<DeviceRow> devices(Handle h, String areaPrefix, int limit, long offset) {
        return h.createQuery("SELECT d.id, d.serial, d.name, d.area_id, a.name AS area_name, s.last_seen"
                        + " FROM devices d JOIN areas a ON a.id = d.area_id"
                        + " LEFT JOIN device_state s ON s.device_id = d.id"
                        + " WHERE d.status = 'active' AND a.path LIKE :prefix"
                        + " ORDER BY d.serial LIMIT :limit OFFSET :offset")
                .bind("prefix", areaPrefix + "%").bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> {
                    OffsetDateTime seen = rs.getObject("last_seen", OffsetDateTime.class);
                    return new DeviceRow(rs.getString("id"), rs.getString("serial"), rs.getString("name"),
                            rs.getObject("area_id", Long.class), rs.getString("area_name"),
                            seen == null ? null : seen.toInstant());
                })
                .list();
    }

    private List<UptimeRow> compute(Handle h, List<DeviceRow> devices, Period period, Instant end) {
        if (devices.isEmpty()) {
            return List.of();
        }
        List<String> ids = devices.stream().map(DeviceRow::id).toList();
        OffsetDateTime from = utc(period.from());
        Map<String, DeviceUptime> uptimes = new HashMap<>();
        h.createQuery("SELECT p.device_id, p.online FROM presence_events p WHERE p.device_id IN (<ids>)"
                        + " AND p.id = (SELECT MAX(q.id) FROM presence_events q WHERE q.device_id = p.device_id"
                        + " AND q.at < :from)")
                .bindList("ids", ids).bind("from", from)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .forEach(e -> uptimes.put(e.getKey(), new DeviceUptime(period.from(), e.getValue())));
        ids.forEach(id -> uptimes.computeIfAbsent(id, x -> new DeviceUptime(period.from(), false)));
        h.createQuery("SELECT device_id, at, online FROM presence_events WHERE device_id IN (<ids>)"
                        + " AND at >= :from AND at < :end ORDER BY device_id, at, id")
                .bindList("ids", ids).bind("from", from).bind("end", utc(end))
                .map((rs, ctx) -> new Transition(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getBoolean(3)))
                .forEach(t -> uptimes.get(t.deviceId()).transition(t.at(), t.online()));
        return devices.stream().map(d -> {
            DeviceUptime uptime = uptimes.get(d.id());
            Instant lastSeen = liveLastSeen.apply(d.id()).orElse(d.lastSeen());
            return new UptimeRow(d.id(), d.serial(), d.name(), d.areaId(), d.areaName(), uptime.onlineShare(end),
                    uptime.disconnects(), lastSeen);
        }).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
