package vn.loa.controller.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Airtime per commune (see {@link ReportingUnits}) and day, from {@code deliveries}. A delivery's seconds played are
 * spread over the days its span (first start to last end) covers, in proportion; a broadcast's time on air in an
 * area is the longest any of the area's speakers played it, since they play it together.
 */
public final class AirtimeReport {
    /** Longest period one report covers (a quarter). */
    public static final Duration MAX_PERIOD = Duration.ofDays(93);

    private final Jdbi jdbi;
    private final ZoneId zone;

    /** @param zone the time zone days are counted in */
    public AirtimeReport(Jdbi jdbi, ZoneId zone) {
        this.jdbi = jdbi;
        this.zone = zone;
    }

    private record Delivery(String broadcastId, String deviceId, long areaId, Instant start, Instant end,
                            double seconds) {
    }

    /** What played in one unit on one day. */
    private static final class Tally {
        final Map<String, Double> broadcastSeconds = new HashMap<>();
        final Set<String> reached = new HashSet<>();

        double secondsOnAir() {
            return broadcastSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** The rows for the subtree at {@code rootPath}, by area path then day. */
    public List<AirtimeRow> rows(String rootPath, Period period) {
        return jdbi.withHandle(h -> {
            ReportingUnits units = new ReportingUnits(rootPath, subtree(h, rootPath));
            Map<Long, Set<String>> activeByUnit = activeSpeakers(h, rootPath, units);
            Map<Long, Map<LocalDate, Tally>> tallies = new HashMap<>();
            Map<LocalDate, Set<String>> reachedOnDay = new HashMap<>();
            deliveries(h, rootPath, period, d -> spread(d, period).forEach((day, seconds) -> {
                Tally tally = tallies.computeIfAbsent(units.unitOf(d.areaId()), u -> new HashMap<>())
                        .computeIfAbsent(day, x -> new Tally());
                tally.broadcastSeconds.merge(d.broadcastId(), seconds, Math::max);
                tally.reached.add(d.deviceId());
                reachedOnDay.computeIfAbsent(day, x -> new HashSet<>()).add(d.deviceId());
            }));

            Set<Long> unitIds = new HashSet<>(activeByUnit.keySet());
            unitIds.addAll(tallies.keySet());
            units.communes().forEach(c -> unitIds.add(c.id()));
            List<ReportingUnits.Unit> shown = new ArrayList<>(unitIds.stream().map(units::area).toList());
            shown.sort(Comparator.comparing(ReportingUnits.Unit::path));
            List<LocalDate> days = days(period);
            List<AirtimeRow> rows = new ArrayList<>(shown.size() * days.size());
            for (ReportingUnits.Unit unit : shown) {
                Set<String> active = activeByUnit.getOrDefault(unit.id(), Set.of());
                for (LocalDate day : days) {
                    Tally tally = tallies.getOrDefault(unit.id(), Map.of()).getOrDefault(day, new Tally());
                    Set<String> reached = reachedOnDay.getOrDefault(day, Set.of());
                    int silent = (int) active.stream().filter(id -> !reached.contains(id)).count();
                    rows.add(new AirtimeRow(unit.id(), unit.name(), unit.kind(), day, tally.broadcastSeconds.size(),
                            Math.round(tally.secondsOnAir() * 10) / 10.0, tally.reached.size(), silent));
                }
            }
            return rows;
        });
    }

    /** The active speakers of the subtree, by the unit they count in. */
    private static Map<Long, Set<String>> activeSpeakers(Handle h, String rootPath, ReportingUnits units) {
        Map<Long, Set<String>> byUnit = new HashMap<>();
        h.createQuery("SELECT d.id, d.area_id FROM devices d JOIN areas a ON a.id = d.area_id"
                        + " WHERE d.status = 'active' AND a.path LIKE :prefix")
                .bind("prefix", rootPath + "%")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> byUnit.computeIfAbsent(units.unitOf(e.getValue()), u -> new HashSet<>()).add(e.getKey()));
        return byUnit;
    }

    private static List<ReportingUnits.Unit> subtree(Handle h, String rootPath) {
        return h.createQuery("SELECT id, name, kind, path FROM areas WHERE path LIKE :prefix")
                .bind("prefix", rootPath + "%")
                .map((rs, ctx) -> new ReportingUnits.Unit(rs.getLong("id"), rs.getString("name"),
                        rs.getString("kind"), rs.getString("path")))
                .list();
    }

    /** Hands on, as they are read, the deliveries in the subtree that played something within the period. */
    private static void deliveries(Handle h, String rootPath, Period period, Consumer<Delivery> each) {
        h.createQuery("SELECT dl.broadcast_id, dl.device_id, dl.area_id, dl.first_started_at,"
                        + " COALESCE(dl.last_ended_at, dl.updated_at) AS span_end, dl.seconds_played"
                        + " FROM deliveries dl JOIN areas a ON a.id = dl.area_id"
                        + " WHERE a.path LIKE :prefix AND dl.seconds_played > 0 AND dl.first_started_at < :to"
                        + " AND COALESCE(dl.last_ended_at, dl.updated_at) >= :from")
                .bind("prefix", rootPath + "%")
                .bind("from", OffsetDateTime.ofInstant(period.from(), ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(period.to(), ZoneOffset.UTC))
                .map((rs, ctx) -> new Delivery(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getDouble(6)))
                .forEach(each);
    }

    /** The delivery's seconds on each day of the period its span touches, in proportion to the overlap. */
    private Map<LocalDate, Double> spread(Delivery d, Period period) {
        Map<LocalDate, Double> byDay = new TreeMap<>();
        Instant end = d.end().isAfter(d.start()) ? d.end() : d.start();
        long span = Duration.between(d.start(), end).toMillis();
        if (span == 0) {
            if (!d.start().isBefore(period.from()) && d.start().isBefore(period.to())) {
                byDay.put(LocalDate.ofInstant(d.start(), zone), d.seconds());
            }
            return byDay;
        }
        for (LocalDate day = LocalDate.ofInstant(d.start(), zone); ; day = day.plusDays(1)) {
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            if (!dayStart.isBefore(end)) {
                return byDay;
            }
            Instant from = latest(d.start(), dayStart, period.from());
            Instant to = earliest(end, day.plusDays(1).atStartOfDay(zone).toInstant(), period.to());
            if (from.isBefore(to)) {
                byDay.put(day, d.seconds() * Duration.between(from, to).toMillis() / span);
            }
        }
    }

    private List<LocalDate> days(Period period) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(period.to().minusNanos(1), zone);
        for (LocalDate day = LocalDate.ofInstant(period.from(), zone); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant later = a.isAfter(b) ? a : b;
        return later.isAfter(c) ? later : c;
    }

    private static Instant earliest(Instant a, Instant b, Instant c) {
        Instant earlier = a.isBefore(b) ? a : b;
        return earlier.isBefore(c) ? earlier : c;
    }
}
