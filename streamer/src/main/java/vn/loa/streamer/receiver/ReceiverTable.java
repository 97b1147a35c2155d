package vn.loa.streamer.receiver;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receivers of one stream, by address and by device, and the join tokens already used for it. A join token
 * latches the datagram's source address once; the same token from that address again is harmless, from anywhere
 * else it is a replay. Used only on the streamer's event loop.
 */
public final class ReceiverTable {
    private final int capacity;
    private final Map<InetSocketAddress, Receiver> byAddress = new LinkedHashMap<>();
    private final Map<String, Receiver> byDevice = new HashMap<>();
    private final Map<String, UsedToken> usedTokens = new HashMap<>();

    private record UsedToken(InetSocketAddress address, long expiresEpochSecond, boolean revoked) {
    }

    public ReceiverTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a stream needs room for at least one receiver");
        }
        this.capacity = capacity;
    }

    /** Applies a join whose token has been verified for this stream and device. */
    public Latch latch(String deviceId, String token, long tokenExpiresEpochSecond, InetSocketAddress from,
                       Moment now) {
        Receiver current = byDevice.get(deviceId);
        UsedToken used = usedTokens.get(token);
        if (used != null) {
            return rejoin(deviceId, token, used, current, from, now);
        }
        if (current == null && !byAddress.containsKey(from) && byAddress.size() >= capacity) {
            return Latch.refused(Latch.Outcome.FULL);
        }
        usedTokens.put(token, new UsedToken(from, tokenExpiresEpochSecond, false));
        if (current == null) {
            return join(deviceId, token, from, now);
        }
        if (current.address().equals(from)) {
            current.moveTo(from, token, now);
            return new Latch(Latch.Outcome.REPEATED, current, null);
        }
        byAddress.remove(current.address());
        Receiver displaced = removeAt(from);
        current.moveTo(from, token, now);
        byAddress.put(from, current);
        return new Latch(Latch.Outcome.MOVED, current, displaced);
    }

    private Latch rejoin(String deviceId, String token, UsedToken used, Receiver current, InetSocketAddress from,
                         Moment now) {
        if (used.revoked() || !used.address().equals(from)) {
            return Latch.refused(Latch.Outcome.REPLAYED);
        }
        if (current != null) {
            if (!token.equals(current.token())) {
                return Latch.refused(Latch.Outcome.REPLAYED);
            }
            current.heard(now);
            return new Latch(Latch.Outcome.REPEATED, current, null);
        }
        if (!byAddress.containsKey(from) && byAddress.size() >= capacity) {
            return Latch.refused(Latch.Outcome.FULL);
        }
        return join(deviceId, token, from, now);
    }

    private Latch join(String deviceId, String token, InetSocketAddress from, Moment now) {
        Receiver displaced = removeAt(from);
        Receiver receiver = Receiver.device(deviceId, token, from, now);
        byAddress.put(from, receiver);
        byDevice.put(deviceId, receiver);
        return new Latch(Latch.Outcome.JOINED, receiver, displaced);
    }

    private Receiver removeAt(InetSocketAddress address) {
        Receiver previous = byAddress.remove(address);
        if (previous != null && !previous.isStaticListener()) {
            byDevice.remove(previous.deviceId());
        }
        return previous;
    }

    /** Adds a static listener; returns the one already there if any, or null when the stream is full. */
    public Receiver addListener(InetSocketAddress address, Moment now) {
        Receiver existing = byAddress.get(address);
        if (existing != null) {
            return existing;
        }
        if (byAddress.size() >= capacity) {
            return null;
        }
        Receiver listener = Receiver.listener(address, now);
        byAddress.put(address, listener);
        return listener;
    }

    public boolean removeListener(InetSocketAddress address) {
        Receiver existing = byAddress.get(address);
        if (existing == null || !existing.isStaticListener()) {
            return false;
        }
        byAddress.remove(address);
        return true;
    }

    /** Stops sending to a device; its token can no longer latch it again. Null if it was not latched. */
    public Receiver removeDevice(String deviceId) {
        Receiver receiver = byDevice.remove(deviceId);
        if (receiver == null) {
            return null;
        }
        byAddress.remove(receiver.address());
        usedTokens.computeIfPresent(receiver.token(),
                (token, used) -> new UsedToken(used.address(), used.expiresEpochSecond(), true));
        return receiver;
    }

    public Receiver at(InetSocketAddress address) {
        return byAddress.get(address);
    }

    /** Every receiver, in the order they were added; a live view for sending. */
    public Collection<Receiver> all() {
        return Collections.unmodifiableCollection(byAddress.values());
    }

    public int size() {
        return byAddress.size();
    }

    /** Removes and returns the devices not heard from for longer than the timeout. */
    public List<Receiver> removeSilent(long timeoutNanos, long nowNanos) {
        List<Receiver> silent = new ArrayList<>();
        for (Iterator<Receiver> it = byAddress.values().iterator(); it.hasNext(); ) {
            Receiver receiver = it.next();
            if (receiver.silentLongerThan(timeoutNanos, nowNanos)) {
                it.remove();
                byDevice.remove(receiver.deviceId());
                silent.add(receiver);
            }
        }
        return silent;
    }

    /** Forgets used tokens past their expiry: they can no longer verify, so they can no longer be replayed. */
    public void forgetExpiredTokens(long nowEpochSecond) {
        usedTokens.values().removeIf(used -> used.expiresEpochSecond() < nowEpochSecond);
    }

    /** Removes every receiver and forgets every token; returns the devices that were latched. */
    public List<Receiver> clear() {
        List<Receiver> devices = new ArrayList<>(byDevice.values());
        byAddress.clear();
        byDevice.clear();
        usedTokens.clear();
        return devices;
    }
}
