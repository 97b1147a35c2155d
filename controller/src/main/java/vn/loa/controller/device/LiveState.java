package vn.loa.controller.device;

import java.time.Instant;
import java.util.List;
import vn.loa.protocol.message.DeviceState;
import vn.loa.protocol.message.Telemetry;

/** What one device reports about itself, in memory; every access holds the object's lock. */
public final class LiveState {
    public static final String PLAYBACK_STARTED = "playback-started";
    public static final String PLAYBACK_ENDED = "playback-ended";
    public static final String PLAYBACK_FAILED = "playback-failed";

    private final String deviceId;
    private boolean online;
    private long connectionId;
    private Instant connectedAt;
    private Instant lastSeen;
    private Integer volume;
    private Boolean muted;
    private Boolean amplifier;
    private String playing;
    private Integer signal;
    private Double temperature;
    private Long uptime;
    private String firmware;
    private String model;
    private String bootId;
    private List<String> capabilities = List.of();
    private Long reportedDesiredVersion;
    private Playback playback;

    LiveState(String deviceId) {
        this.deviceId = deviceId;
    }

    /** An immutable copy for readers and the database writer. */
    public record Snapshot(String deviceId, boolean online, Instant connectedAt, Instant lastSeen, Integer volume,
                           Boolean muted, Boolean amplifier, String playing, Integer signal, Double temperature,
                           Long uptime, String firmware, String model, String bootId, List<String> capabilities,
                           Long reportedDesiredVersion, Playback playback) {
    }

    /** The device's latest playback event: {@code playback-started}, {@code -ended} or {@code -failed}. */
    public record Playback(String event, String stream, String detail, Instant at) {
    }

    /** True when the device was offline until now. */
    synchronized boolean connected(long connection, Instant now) {
        boolean cameOnline = !online;
        online = true;
        connectionId = connection;
        connectedAt = now;
        lastSeen = now;
        return cameOnline;
    }

    synchronized boolean isCurrentConnection(long connection) {
        return online && connectionId == connection;
    }

    synchronized boolean online() {
        return online;
    }

    synchronized Instant currentConnectionOpenedAt() {
        return online ? connectedAt : null;
    }

    /** Offline if {@code connection} is still the newest one; false when a newer connection took over. */
    synchronized boolean offlineIfCurrent(long connection) {
        if (!isCurrentConnection(connection)) {
            return false;
        }
        online = false;
        return true;
    }

    synchronized boolean offline() {
        boolean was = online;
        online = false;
        return was;
    }

    synchronized void seen(Instant now) {
        lastSeen = now;
    }

    synchronized void apply(DeviceState state, Instant now) {
        lastSeen = now;
        firmware = state.firmware() != null ? state.firmware() : firmware;
        model = state.model() != null ? state.model() : model;
        bootId = state.bootId() != null ? state.bootId() : bootId;
        capabilities = state.capabilities() != null ? List.copyOf(state.capabilities()) : capabilities;
        reportedDesiredVersion = state.desiredVersion() != null ? state.desiredVersion() : reportedDesiredVersion;
    }

    synchronized void apply(Telemetry t, Instant now) {
        lastSeen = now;
        volume = t.volume();
        muted = t.muted();
        amplifier = t.amplifier();
        playing = t.playing();
        signal = t.signal();
        temperature = t.temperature();
        uptime = t.uptime();
        reportedDesiredVersion = t.desiredVersion() != null ? t.desiredVersion() : reportedDesiredVersion;
    }

    /** A playback event: a start sets what the device plays, an end or failure of that stream clears it. */
    synchronized void apply(Playback event) {
        lastSeen = event.at();
        playback = event;
        if (event.event().equals(PLAYBACK_STARTED)) {
            playing = event.stream();
        } else if (playing != null && playing.equals(event.stream())) {
            playing = null;
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(deviceId, online, connectedAt, lastSeen, volume, muted, amplifier, playing, signal,
                temperature, uptime, firmware, model, bootId, capabilities, reportedDesiredVersion, playback);
    }
}
