package vn.loa.controller.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.events.DeviceAreaPaths;
import vn.loa.controller.events.EventFeed;
import vn.loa.controller.events.EventScope;

/**
 * The alarms raised now, in memory: they are conditions of this run (a relay silent now, a play failing now), so a
 * restart starts with none and whatever is still wrong raises them again. Raising and clearing is logged and
 * published on the live feed as {@code alarm.raised} and {@code alarm.cleared}.
 */
public final class AlarmBoard implements Alarms {
    /** Alarms kept at once; beyond this new ones are logged and not kept, so a flood cannot exhaust memory. */
    public static final int MAX_ALARMS = 10_000;
    public static final int MAX_TEXT = 500;
    public static final String RAISED = "alarm.raised";
    public static final String CLEARED = "alarm.cleared";

    private static final Logger LOG = LoggerFactory.getLogger(AlarmBoard.class);

    private final Map<String, Alarm> raised = new ConcurrentHashMap<>();
    private final EventFeed events;
    private final DeviceAreaPaths devicePaths;
    private final Clock clock;

    public AlarmBoard(EventFeed events, DeviceAreaPaths devicePaths, Clock clock) {
        this.events = events;
        this.devicePaths = devicePaths;
        this.clock = clock;
    }

    @Override
    public void raise(String key, String kind, String subject, String message) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Alarm before = raised.get(key);
        if (before != null) {
            Alarm refreshed = new Alarm(key, kind, subject, clip(message), before.raisedAt(), now, before.areaPath());
            raised.put(key, refreshed);
            if (!Objects.equals(before.message(), refreshed.message())) {
                publish(RAISED, refreshed);
            }
            return;
        }
        if (raised.size() >= MAX_ALARMS) {
            LOG.error("alarm {} ({}: {}) not kept: {} alarms are raised already", key, subject, message, MAX_ALARMS);
            return;
        }
        String areaPath = subject != null && subject.startsWith(Alarm.DEVICE_SUBJECT)
                ? devicePaths.of(subject.substring(Alarm.DEVICE_SUBJECT.length())).orElse(null) : null;
        Alarm alarm = new Alarm(key, kind, Objects.requireNonNullElse(subject, ""), clip(message), now, now, areaPath);
        if (raised.putIfAbsent(key, alarm) == null) {
            LOG.warn("alarm raised: {} {} on {}: {}", key, kind, subject, message);
            publish(RAISED, alarm);
        }
    }

    @Override
    public void clear(String key) {
        Alarm alarm = raised.remove(key);
        if (alarm != null) {
            LOG.info("alarm cleared: {} {} on {}", key, alarm.kind(), alarm.subject());
            publish(CLEARED, alarm);
        }
    }

    /** The alarms a user with this area path prefix (null: the whole installation) may see, newest first. */
    public List<Alarm> visibleTo(String scopePrefix) {
        return raised.values().stream()
                .filter(a -> EventScope.visible(scopePrefix, a.areaPath(), a.aboutDevice()))
                .sorted(Comparator.comparing(Alarm::raisedAt).reversed().thenComparing(Alarm::key))
                .toList();
    }

    private void publish(String type, Alarm alarm) {
        Map<String, Object> data = new HashMap<>();
        data.put("key", alarm.key());
        data.put("kind", alarm.kind());
        data.put("subject", alarm.subject());
        data.put("message", alarm.message());
        data.put("raisedAt", alarm.raisedAt().toString());
        if (alarm.aboutDevice()) {
            data.put(EventScope.AREA_PATH, alarm.areaPath());
        }
        events.publish(type, data);
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
