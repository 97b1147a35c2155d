package vn.loa.controller.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A command whose results are kept in memory until shortly after it expires. Results arrive on the broker's
 * dispatch threads, the sweeper and request threads, so every change is made under the object's lock; the
 * {@link #settled()} future is completed outside it.
 */
final class InFlightCommand {
    private final IssuedCommand command;
    private final Map<String, DeviceResult> results;
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private int pending;

    InFlightCommand(IssuedCommand command, List<DeviceResult> initial) {
        this.command = command;
        this.results = new LinkedHashMap<>(initial.size() * 2);
        for (DeviceResult result : initial) {
            results.put(result.deviceId(), result);
            if (result.status() == ResultStatus.pending) {
                pending++;
            }
        }
        if (pending == 0) {
            settled.complete(null);
        }
    }

    IssuedCommand command() {
        return command;
    }

    /** Completes when no device is pending any more. */
    CompletableFuture<Void> settled() {
        return settled;
    }

    synchronized boolean targets(String deviceId) {
        return results.containsKey(deviceId);
    }

    /** Records a final result for a pending device; empty if the device was not pending (a duplicate answer). */
    Optional<DeviceResult> finish(String deviceId, ResultStatus status, String reason, Instant at) {
        DeviceResult finished;
        boolean nowSettled;
        synchronized (this) {
            DeviceResult current = results.get(deviceId);
            if (current == null || current.status() != ResultStatus.pending) {
                return Optional.empty();
            }
            int latencyMs = (int) Math.min(Integer.MAX_VALUE,
                    Math.max(0, Duration.between(command.createdAt(), at).toMillis()));
            finished = new DeviceResult(deviceId, status, reason, latencyMs, at);
            results.put(deviceId, finished);
            pending--;
            nowSettled = pending == 0;
        }
        if (nowSettled) {
            settled.complete(null);
        }
        return Optional.of(finished);
    }

    /** Marks every still-pending device timed out and returns the changed results. */
    List<DeviceResult> timeOut(Instant at) {
        List<DeviceResult> changed = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, DeviceResult> entry : results.entrySet()) {
                if (entry.getValue().status() == ResultStatus.pending) {
                    DeviceResult timedOut = new DeviceResult(entry.getKey(), ResultStatus.timed_out, null, null, at);
                    entry.setValue(timedOut);
                    changed.add(timedOut);
                }
            }
            pending = 0;
        }
        settled.complete(null);
        return changed;
    }

    synchronized List<DeviceResult> results() {
        return List.copyOf(results.values());
    }
}
