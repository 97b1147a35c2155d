package vn.loa.controller.device;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of a device in the API. Times are ISO-8601 UTC text. */
final class DeviceViews {
    private DeviceViews() {
    }

    static Map<String, Object> summary(Device d, Optional<LiveState.Snapshot> live) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("serial", d.serial());
        m.put("status", d.status().name());
        m.put("areaId", d.areaId());
        m.put("areaHint", d.areaHint());
        m.put("name", d.details().name());
        m.put("model", d.details().model());
        m.put("firmware", d.firmware());
        m.put("latitude", d.details().latitude());
        m.put("longitude", d.details().longitude());
        m.put("imei", d.details().imei());
        m.put("iccid", d.details().iccid());
        m.put("online", live.map(LiveState.Snapshot::online).orElse(false));
        m.put("lastSeen", text(live.map(LiveState.Snapshot::lastSeen).orElse(d.storedLastSeen())));
        m.put("createdAt", text(d.createdAt()));
        m.put("updatedAt", text(d.updatedAt()));
        return m;
    }

    /** {@code live} is the in-memory state; {@code stored} what was last written behind (after a restart). */
    static Map<String, Object> detail(Device d, Optional<LiveState.Snapshot> live,
                                      Optional<LiveState.Snapshot> stored, List<Long> groups) {
        Map<String, Object> m = summary(d, live);
        m.put("credentialsIssuedAt", text(d.credentialsIssuedAt()));
        m.put("state", live.or(() -> stored).map(DeviceViews::state).orElse(null));
        m.put("groups", groups);
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("version", d.desiredVersion());
        desired.put("volume", d.desiredVolume());
        desired.put("muted", d.desiredMuted());
        m.put("desired", desired);
        return m;
    }

    private static Map<String, Object> state(LiveState.Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("online", s.online());
        m.put("lastSeen", text(s.lastSeen()));
        m.put("connectedAt", text(s.connectedAt()));
        m.put("volume", s.volume());
        m.put("muted", s.muted());
        m.put("amplifier", s.amplifier());
        m.put("playing", s.playing());
        m.put("playback", s.playback());
        m.put("signalDbm", s.signal());
        m.put("temperatureC", s.temperature());
        m.put("uptimeSeconds", s.uptime());
        m.put("firmware", s.firmware());
        m.put("model", s.model());
        m.put("bootId", s.bootId());
        m.put("capabilities", s.capabilities());
        m.put("desiredVersion", s.reportedDesiredVersion());
        return m;
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
