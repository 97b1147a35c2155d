package vn.loa.controller.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.ClientSession;
import vn.loa.controller.testing.Poll;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Timing;
import vn.loa.protocol.codec.PayloadLimits;

class DeviceInboundTest {
    private static final long WILL_DELAY = Timing.DEFAULT_WILL_DELAY_SECONDS;
    /** Generous, for the background jobs on a busy machine. */
    private static final Duration AWAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    private DeviceTestKit kit;
    private final List<String> results = new CopyOnWriteArrayList<>();
    private final List<String> provisionRequests = new CopyOnWriteArrayList<>();
    private final List<String> playbacks = new CopyOnWriteArrayList<>();
    private DeviceInbound inbound;
    private String id;

    @BeforeEach
    void setUp() {
        kit = new DeviceTestKit(dir);
        inbound = new DeviceInbound(kit.live, kit.telemetry, (serial, payload) -> provisionRequests.add(serial),
                (deviceId, payload) -> results.add(deviceId + " " + new String(payload, StandardCharsets.UTF_8)),
                (deviceId, playback) -> playbacks.add(deviceId + " " + playback.event() + " " + playback.stream()),
                new InboundRejections(kit.meters, kit.clock), kit.meters, kit.clock);
        id = kit.device("IN-1", null, DeviceStatus.active);
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void aBlipShorterThanTheWillDelayKeepsTheDeviceOnline() {
        connectThenDrop(WILL_DELAY);
        secondsPass(WILL_DELAY - 10);
        assertThat(kit.live.isOnline(id)).isTrue();

        inbound.onConnected(session(2, WILL_DELAY));
        secondsPass(WILL_DELAY);

        assertThat(kit.live.isOnline(id)).isTrue();
        assertThat(gauge()).isEqualTo(1);
    }

    @Test
    void anOutageLongerThanTheWillDelayTurnsTheDeviceOffline() {
        connectThenDrop(WILL_DELAY);
        secondsPass(WILL_DELAY - 1);
        assertThat(kit.live.isOnline(id)).isTrue();

        secondsPass(1);

        assertThat(kit.live.isOnline(id)).isFalse();
        assertThat(gauge()).isZero();
    }

    @Test
    void aStaleDisconnectAfterATakeoverIsIgnored() {
        inbound.onConnected(session(1, WILL_DELAY));
        inbound.onConnected(session(2, WILL_DELAY));
        inbound.onDisconnected(session(1, WILL_DELAY));
        inbound.onDisconnected(session(1, 0));
        secondsPass(WILL_DELAY + 1);

        assertThat(kit.live.isOnline(id)).isTrue();
    }

    @Test
    void withoutAWillDelayADisconnectIsOfflineAtOnce() {
        connectThenDrop(0);

        assertThat(kit.live.isOnline(id)).isFalse();
    }

    @Test
    void anOfflineStateMessageIsOfflineAtOnce() {
        inbound.onConnected(session(1, WILL_DELAY));
        message(DeviceTopic.STATE, "{\"v\":1,\"status\":\"offline\"}");

        assertThat(kit.live.isOnline(id)).isFalse();
    }

    @Test
    void theBirthMessageAndTelemetryFillTheLiveState() {
        inbound.onConnected(session(1, WILL_DELAY));
        message(DeviceTopic.STATE, "{\"v\":1,\"status\":\"online\",\"firmware\":\"2.0.1\",\"model\":\"LX-30\","
                + "\"bootId\":\"b-77\",\"capabilities\":[\"opus\",\"fec\"],\"desiredVersion\":3}");
        kit.clock.advance(Duration.ofSeconds(30));
        message(DeviceTopic.TELEMETRY, "{\"v\":1,\"volume\":60,\"muted\":false,\"amplifier\":true,"
                + "\"playing\":\"vov1\",\"signal\":-85,\"temperature\":47.5,\"uptime\":1200,\"desiredVersion\":4}");

        LiveState.Snapshot state = kit.live.snapshot(id).orElseThrow();
        assertThat(state.online()).isTrue();
        assertThat(state.firmware()).isEqualTo("2.0.1");
        assertThat(state.model()).isEqualTo("LX-30");
        assertThat(state.bootId()).isEqualTo("b-77");
        assertThat(state.capabilities()).containsExactly("opus", "fec");
        assertThat(state.volume()).isEqualTo(60);
        assertThat(state.amplifier()).isTrue();
        assertThat(state.playing()).isEqualTo("vov1");
        assertThat(state.signal()).isEqualTo(-85);
        assertThat(state.temperature()).isEqualTo(47.5);
        assertThat(state.uptime()).isEqualTo(1200);
        assertThat(state.reportedDesiredVersion()).isEqualTo(4);
        assertThat(state.lastSeen()).isEqualTo(kit.clock.instant());

        kit.telemetry.flush();
        assertThat(kit.count("SELECT COUNT(*) FROM telemetry_raw WHERE device_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void handsResultsOnAndCountsEvents() {
        message(DeviceTopic.RESULT, "{\"v\":1,\"id\":\"c-1\",\"status\":\"ok\"}");
        message(DeviceTopic.EVENT, "{\"v\":1,\"event\":\"button\",\"detail\":\"nút phát khẩn\"}");
        inbound.onProvisionRequest("TV-1", new byte[0]);

        assertThat(results).containsExactly(id + " {\"v\":1,\"id\":\"c-1\",\"status\":\"ok\"}");
        assertThat(kit.meters.find("loa.device.events").counter().count()).isEqualTo(1);
        assertThat(provisionRequests).containsExactly("TV-1");
    }

    @Test
    void playbackEventsSetWhatTheDevicePlaysAndAreCountedByEvent() {
        message(DeviceTopic.EVENT, "{\"v\":1,\"event\":\"playback-started\",\"stream\":\"s-news\"}");
        assertThat(kit.live.snapshot(id).orElseThrow().playing()).isEqualTo("s-news");
        assertThat(kit.live.snapshot(id).orElseThrow().playback().event()).isEqualTo(LiveState.PLAYBACK_STARTED);

        message(DeviceTopic.EVENT, "{\"v\":1,\"event\":\"playback-ended\",\"stream\":\"s-other\"}");
        assertThat(kit.live.snapshot(id).orElseThrow().playing()).as("another stream ending").isEqualTo("s-news");

        message(DeviceTopic.EVENT,
                "{\"v\":1,\"event\":\"playback-failed\",\"stream\":\"s-news\",\"detail\":\"join refused\"}");
        LiveState.Playback last = kit.live.snapshot(id).orElseThrow().playback();
        assertThat(kit.live.snapshot(id).orElseThrow().playing()).isNull();
        assertThat(last.detail()).isEqualTo("join refused");
        assertThat(last.stream()).isEqualTo("s-news");
        assertThat(kit.meters.counter("loa.device.playback.events", "event", "playback-started").count()).isEqualTo(1);
        assertThat(kit.meters.counter("loa.device.playback.events", "event", "playback-ended").count()).isEqualTo(1);
        assertThat(kit.meters.counter("loa.device.playback.events", "event", "playback-failed").count()).isEqualTo(1);
        assertThat(kit.meters.counter("loa.device.events").count()).isEqualTo(3);
        assertThat(playbacks).containsExactly(id + " playback-started s-news", id + " playback-ended s-other",
                id + " playback-failed s-news");
    }

    @Test
    void dropsAndCountsBadMessagesWithoutThrowing() {
        inbound.onConnected(session(1, WILL_DELAY));
        message(DeviceTopic.TELEMETRY, "{\"v\":1,\"volume\":");
        message(DeviceTopic.TELEMETRY, "{\"v\":2}");
        message(DeviceTopic.TELEMETRY, "{\"v\":1,\"volume\":140}");
        message(DeviceTopic.STATE, "{\"v\":1,\"status\":\"online\",\"firmware\":\"" + "x".repeat(
                PayloadLimits.STATE_BYTES) + "\"}");
        message(DeviceTopic.RESULT, "{\"v\":1,\"id\":\"" + "r".repeat(PayloadLimits.RESULT_BYTES) + "\"}");
        message(DeviceTopic.COMMAND, "{\"v\":1}");

        assertThat(kit.counter("loa.mqtt.rejected", "reason", "malformed-json")).isEqualTo(1);
        assertThat(kit.counter("loa.mqtt.rejected", "reason", "unsupported-version")).isEqualTo(1);
        assertThat(kit.counter("loa.mqtt.rejected", "reason", "invalid-field")).isEqualTo(1);
        assertThat(kit.counter("loa.mqtt.rejected", "reason", "too-large")).isEqualTo(2);
        assertThat(kit.counter("loa.mqtt.rejected", "reason", "not-allowed")).isEqualTo(1);
        assertThat(kit.live.snapshot(id).orElseThrow().volume()).isNull();
        assertThat(results).isEmpty();

        DeviceInbound failing = new DeviceInbound(kit.live, kit.telemetry, (serial, payload) -> {
            throw new IllegalStateException("database down");
        }, (deviceId, payload) -> {
            throw new IllegalStateException("results consumer failed");
        }, (deviceId, playback) -> {
            throw new IllegalStateException("playback listener failed");
        }, new InboundRejections(kit.meters, kit.clock), kit.meters, kit.clock);
        assertThatCode(() -> {
            failing.onDeviceMessage(id, DeviceTopic.RESULT, "{\"v\":1,\"id\":\"c-2\",\"status\":\"ok\"}".getBytes(
                    StandardCharsets.UTF_8));
            failing.onProvisionRequest("TV-2", new byte[0]);
            failing.onDeviceMessage(id, DeviceTopic.EVENT, "{\"v\":1,\"event\":\"playback-started\",\"stream\":\"s-1\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }).doesNotThrowAnyException();
    }

    @Test
    void provisioningAndServiceConnectionsAreNotDevices() {
        inbound.onConnected(new ClientSession(5, "prov-TV-3", new BrokerPrincipal.Provisioning("TV-3"), 5, 0, "10.0.0.9"));
        inbound.onConnected(new ClientSession(6, "watch", new BrokerPrincipal.Service("monitor"), 5, 0, "10.0.0.9"));

        assertThat(kit.live.onlineCount()).isZero();
    }

    @Test
    void writesChangedStateBehindAndStartsEveryDeviceOffline() {
        inbound.onConnected(session(1, 0));
        message(DeviceTopic.TELEMETRY, "{\"v\":1,\"volume\":35,\"signal\":-90}");
        kit.live.flushChanged(kit.stateTable::write);
        assertThat(kit.stateTable.find(id).orElseThrow().online()).isTrue();
        assertThat(kit.stateTable.find(id).orElseThrow().volume()).isEqualTo(35);

        inbound.onDisconnected(session(1, 0));
        kit.live.flushChanged(kit.stateTable::write);
        assertThat(kit.stateTable.find(id).orElseThrow().online()).isFalse();

        inbound.onConnected(session(2, 0));
        kit.live.flushChanged(kit.stateTable::write);
        new DeviceJobs(new LiveStateStore(kit.meters), kit.stateTable, kit.clock, List.of()).close();
        assertThat(kit.stateTable.find(id).orElseThrow().online()).as("a restarted server knows nobody yet").isFalse();
        assertThat(kit.stateTable.find(id).orElseThrow().lastSeen()).isEqualTo(kit.clock.instant());
    }

    @Test
    void theJobsExpireWillDelaysAndWriteLiveStateBehindOnTheirOwn() {
        DeviceJobs jobs = new DeviceJobs(kit.live, kit.stateTable, kit.clock, List.of());
        try {
            inbound.onConnected(session(1, WILL_DELAY));
            Poll.until("the stored state online", AWAIT, () -> kit.stateTable.find(id).map(LiveState.Snapshot::online).orElse(false));

            inbound.onDisconnected(session(1, WILL_DELAY));
            kit.clock.advance(Duration.ofSeconds(WILL_DELAY));
            Poll.until("the live state offline", AWAIT, () -> !kit.live.isOnline(id));
            Poll.until("the stored state offline", AWAIT, () -> !kit.stateTable.find(id).orElseThrow().online());
        } finally {
            jobs.close();
        }
    }

    private void connectThenDrop(long willDelay) {
        inbound.onConnected(session(1, willDelay));
        inbound.onDisconnected(session(1, willDelay));
    }

    private void secondsPass(long seconds) {
        kit.clock.advance(Duration.ofSeconds(seconds));
        kit.live.expireWillDelays(kit.clock.instant());
    }

    private void message(DeviceTopic topic, String json) {
        inbound.onDeviceMessage(id, topic, json.getBytes(StandardCharsets.UTF_8));
    }

    private ClientSession session(long connectionId, long willDelay) {
        return new ClientSession(connectionId, id, new BrokerPrincipal.Device(id), 5, willDelay, "10.0.0.7");
    }

    private double gauge() {
        return kit.meters.find("loa.devices.online").gauge().value();
    }
}
