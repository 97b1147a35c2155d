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

    static Map<String, Object> summary(Device d, boolean online) {
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
        m.put("online", online);
        m.put("createdAt", text(d.createdAt()));
        m.put("updatedAt", text(d.updatedAt()));
        return m;
    }

    static Map<String, Object> detail(Device d, Optional<LiveState.Snapshot> state, boolean online,
                                      List<Long> groups) {
        Map<String, Object> m = summary(d, online);
        m.put("credentialsIssuedAt", text(d.credentialsIssuedAt()));
        m.put("state", state.map(DeviceViews::state).orElse(null));
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
        m.put("lastSeen", text(s.lastSeen()));
        m.put("connectedAt", text(s.connectedAt()));
        m.put("volume", s.volume());
        m.put("muted", s.muted());
        m.put("amplifier", s.amplifier());
        m.put("playing", s.playing());
        m.put("signal", s.signal());
        m.put("temperature", s.temperature());
        m.put("uptime", s.uptime());
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
