package vn.loa.controller.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.ClientSession;
import vn.loa.broker.InboundHandler;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.codec.RejectReason;
import vn.loa.protocol.message.DeviceEvent;
import vn.loa.protocol.message.DeviceState;
import vn.loa.protocol.message.Telemetry;

/**
 * What devices send, turned into presence, live state and telemetry history; command results are handed on as
 * they came. A bad message is dropped and counted, never thrown: the broker's dispatch thread must survive it.
 */
public final class DeviceInbound implements InboundHandler {
    private static final Logger log = LoggerFactory.getLogger(DeviceInbound.class);

    private final LiveStateStore live;
    private final TelemetrySink telemetry;
    private final ProvisionRequests provisioning;
    private final BiConsumer<String, byte[]> results;
    private final PlaybackEvents playbackListener;
    private final InboundRejections rejections;
    private final Counter events;
    private final Map<String, Counter> playbackEvents = new HashMap<>();
    private final Clock clock;

    /** {@code results} receives (deviceId, payload) of every {@code res} message, undecoded. */
    public DeviceInbound(LiveStateStore live, TelemetrySink telemetry, ProvisionRequests provisioning,
                         BiConsumer<String, byte[]> results, PlaybackEvents playbackListener,
                         InboundRejections rejections, MeterRegistry meters, Clock clock) {
        this.live = live;
        this.telemetry = telemetry;
        this.provisioning = provisioning;
        this.results = results;
        this.playbackListener = playbackListener;
        this.rejections = rejections;
        this.events = Counter.builder("loa.device.events").description("device events received").register(meters);
        for (String event : List.of(LiveState.PLAYBACK_STARTED, LiveState.PLAYBACK_ENDED, LiveState.PLAYBACK_FAILED)) {
            playbackEvents.put(event, Counter.builder("loa.device.playback.events")
                    .description("playback events received from devices, by event")
                    .tag("event", event)
                    .register(meters));
        }
        this.clock = clock;
    }

    @Override
    public void onDeviceMessage(String deviceId, DeviceTopic topic, byte[] payload) {
        try {
            handle(deviceId, topic, payload, clock.instant());
        } catch (InvalidMessageException e) {
            rejections.reject(e.reason(), deviceId + " " + topic.level(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("failed to handle {} message of {}", topic.level(), deviceId, e);
        }
    }

    private void handle(String deviceId, DeviceTopic topic, byte[] payload, Instant now)
            throws InvalidMessageException {
        switch (topic) {
            case STATE -> {
                DeviceState state = MessageCodec.decode(payload, DeviceState.class, PayloadLimits.STATE_BYTES);
                if (state.status() == DeviceState.Status.offline) {
                    live.offline(deviceId);
                } else {
                    live.applyState(deviceId, state, now);
                }
            }
            case TELEMETRY -> {
                Telemetry report = MessageCodec.decode(payload, Telemetry.class, PayloadLimits.TELEMETRY_BYTES);
                live.applyTelemetry(deviceId, report, now);
                telemetry.record(deviceId, report, now);
            }
            case EVENT -> {
                DeviceEvent event = MessageCodec.decode(payload, DeviceEvent.class, PayloadLimits.EVENT_BYTES);
                events.increment();
                Counter playback = playbackEvents.get(event.event());
                if (playback != null) {
                    playback.increment();
                    LiveState.Playback reported = new LiveState.Playback(event.event(), event.stream(), event.detail(),
                            now);
                    live.applyPlayback(deviceId, reported);
                    playbackListener.onPlayback(deviceId, reported);
                } else {
                    live.seen(deviceId, now);
                }
                if (isRoutine(event.event())) {
                    log.debug("device {} event {} stream {}", deviceId, event.event(), event.stream());
                } else {
                    log.info("device {} event {} stream {} detail {}", deviceId, event.event(), event.stream(),
                            event.detail());
                }
            }
            case RESULT -> {
                if (payload.length > PayloadLimits.RESULT_BYTES) {
                    throw new InvalidMessageException(RejectReason.TOO_LARGE,
                            payload.length + " bytes is over the " + PayloadLimits.RESULT_BYTES + "-byte limit");
                }
                live.seen(deviceId, now);
                results.accept(deviceId, payload);
            }
            case COMMAND, DESIRED -> throw new InvalidMessageException(RejectReason.NOT_ALLOWED,
                    "devices do not publish on " + topic.level());
        }
    }

    /** A playback starting or ending: thousands at once when a broadcast switches; the deliveries show them. */
    private static boolean isRoutine(String event) {
        return LiveState.PLAYBACK_STARTED.equals(event) || LiveState.PLAYBACK_ENDED.equals(event);
    }

    @Override
    public void onProvisionRequest(String serial, byte[] payload) {
        try {
            provisioning.onProvisionRequest(serial, payload);
        } catch (RuntimeException e) {
            log.error("failed to answer the provisioning request of serial {}", serial, e);
        }
    }

    @Override
    public void onConnected(ClientSession session) {
        if (session.principal() instanceof BrokerPrincipal.Device device) {
            live.connected(device.deviceId(), session.connectionId(), clock.instant());
        }
    }

    @Override
    public void onDisconnected(ClientSession session) {
        if (session.principal() instanceof BrokerPrincipal.Device device) {
            live.disconnected(device.deviceId(), session.connectionId(), session.willDelaySeconds(), clock.instant());
        }
    }
}
