package vn.loa.broker;

import vn.loa.protocol.DeviceTopic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An InboundHandler that records every call with the thread it came on; can be made slow or failing per client. */
final class RecordingHandler implements InboundHandler {
    enum Kind { MESSAGE, PROVISION, CONNECTED, DISCONNECTED }

    record Event(Kind kind, String clientId, DeviceTopic topic, String payload, ClientSession session,
                 String thread) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private volatile String failingPayload;

    /** Messages from this client block until {@link #release}. */
    void hold(String clientId) {
        holds.put(clientId, new CountDownLatch(1));
    }

    void release(String clientId) {
        holds.remove(clientId).countDown();
    }

    /** Messages with exactly this payload make the handler throw. */
    void failOn(String payload) {
        failingPayload = payload;
    }

    List<Event> of(String clientId) {
        return events.stream().filter(e -> e.clientId().equals(clientId)).toList();
    }

    List<Event> messagesOf(String clientId) {
        return of(clientId).stream().filter(e -> e.kind() == Kind.MESSAGE).toList();
    }

    @Override
    public void onDeviceMessage(String deviceId, DeviceTopic topic, byte[] payload) {
        awaitHold(deviceId);
        if (text(payload).equals(failingPayload)) {
            throw new IllegalStateException("handler failure for " + deviceId);
        }
        record(new Event(Kind.MESSAGE, deviceId, topic, text(payload), null, Thread.currentThread().getName()));
    }

    @Override
    public void onProvisionRequest(String serial, byte[] payload) {
        record(new Event(Kind.PROVISION, serial, null, text(payload), null, Thread.currentThread().getName()));
    }

    @Override
    public void onConnected(ClientSession session) {
        record(new Event(Kind.CONNECTED, session.clientId(), null, null, session, Thread.currentThread().getName()));
    }

    @Override
    public void onDisconnected(ClientSession session) {
        record(new Event(Kind.DISCONNECTED, session.clientId(), null, null, session,
                Thread.currentThread().getName()));
    }

    private void record(Event event) {
        events.add(event);
    }

    private void awaitHold(String clientId) {
        CountDownLatch hold = holds.get(clientId);
        if (hold != null) {
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
