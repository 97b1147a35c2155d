package vn.loa.controller.device;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import vn.loa.protocol.message.DeviceState;
import vn.loa.protocol.message.Telemetry;

/**
 * Who is online and what each device last reported, in memory. A dropped connection turns the device offline
 * only once its Will delay has passed without a newer connection, so a blip on a 3G link is not an outage.
 * Changed devices are remembered for the write-behind to {@code device_state}.
 */
public final class LiveStateStore implements Presence {
    /** Sized for a province's fleet; more devices only grow the maps. */
    public static final int EXPECTED_DEVICES = 10_000;

    private final Map<String, LiveState> states = new ConcurrentHashMap<>(EXPECTED_DEVICES * 2);
    private final Map<String, OfflineDue> offlineDue = new ConcurrentHashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet(EXPECTED_DEVICES * 2);
    private final PresenceListener presence;

    private record OfflineDue(long connectionId, Instant at) {
    }

    public LiveStateStore(MeterRegistry meters) {
        this(meters, PresenceListener.NONE);
    }

    /** With a listener told of every transition between online and offline. */
    public LiveStateStore(MeterRegistry meters, PresenceListener presence) {
        this.presence = presence;
        Gauge.builder("loa.devices.online", this, LiveStateStore::onlineCount)
                .description("devices connected now (or within their Will delay)")
                .register(meters);
    }

    @Override
    public boolean isOnline(String deviceId) {
        LiveState state = states.get(deviceId);
        return state != null && state.online();
    }

    /** When the device's current connection opened; null when it is offline or never connected. */
    public Instant connectedAt(String deviceId) {
        LiveState state = states.get(deviceId);
        return state == null ? null : state.currentConnectionOpenedAt();
    }

    public Optional<LiveState.Snapshot> snapshot(String deviceId) {
        return Optional.ofNullable(states.get(deviceId)).map(LiveState::snapshot);
    }

    public long onlineCount() {
        return states.values().stream().filter(LiveState::online).count();
    }

    public void connected(String deviceId, long connectionId, Instant now) {
        LiveState state = states.computeIfAbsent(deviceId, LiveState::new);
        boolean cameOnline = state.connected(connectionId, now);
        changed.add(deviceId);
        offlineDue.remove(deviceId);
        if (cameOnline) {
            presence.presenceChanged(deviceId, true);
        }
    }

    /** A connection closed: offline after {@code willDelaySeconds}, unless it was not the newest connection. */
    public void disconnected(String deviceId, long connectionId, long willDelaySeconds, Instant now) {
        LiveState state = states.get(deviceId);
        if (state == null || !state.isCurrentConnection(connectionId)) {
            return;
        }
        if (willDelaySeconds <= 0) {
            if (state.offlineIfCurrent(connectionId)) {
                wentOffline(deviceId);
            }
        } else {
            offlineDue.put(deviceId, new OfflineDue(connectionId, now.plusSeconds(willDelaySeconds)));
        }
    }

    /** Turns offline every device whose Will delay has passed by {@code now}; called about every second. */
    public void expireWillDelays(Instant now) {
        for (Iterator<Map.Entry<String, OfflineDue>> it = offlineDue.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, OfflineDue> due = it.next();
            if (!due.getValue().at().isAfter(now)) {
                it.remove();
                LiveState state = states.get(due.getKey());
                if (state != null && state.offlineIfCurrent(due.getValue().connectionId())) {
                    wentOffline(due.getKey());
                }
            }
        }
    }

    /** The device said it is offline (its Will, or a clean goodbye), or was revoked: offline at once. */
    public void offline(String deviceId) {
        offlineDue.remove(deviceId);
        LiveState state = states.get(deviceId);
        if (state != null && state.offline()) {
            wentOffline(deviceId);
        }
    }

    public void applyState(String deviceId, DeviceState state, Instant now) {
        update(deviceId, s -> s.apply(state, now));
    }

    public void applyTelemetry(String deviceId, Telemetry telemetry, Instant now) {
        update(deviceId, s -> s.apply(telemetry, now));
    }

    public void applyPlayback(String deviceId, LiveState.Playback playback) {
        update(deviceId, s -> s.apply(playback));
    }

    public void seen(String deviceId, Instant now) {
        update(deviceId, s -> s.seen(now));
    }

    /** Hands the devices changed since the last call to {@code writer}; on failure they stay changed. */
    public void flushChanged(Consumer<List<LiveState.Snapshot>> writer) {
        List<String> ids = new ArrayList<>(changed);
        if (ids.isEmpty()) {
            return;
        }
        changed.removeAll(ids);
        List<LiveState.Snapshot> snapshots = new ArrayList<>(ids.size());
        for (String id : ids) {
            snapshot(id).ifPresent(snapshots::add);
        }
        try {
            writer.accept(snapshots);
        } catch (RuntimeException e) {
            changed.addAll(ids);
            throw e;
        }
    }

    private void wentOffline(String deviceId) {
        changed.add(deviceId);
        presence.presenceChanged(deviceId, false);
    }

    private void update(String deviceId, Consumer<LiveState> change) {
        change.accept(states.computeIfAbsent(deviceId, LiveState::new));
        changed.add(deviceId);
    }
}
