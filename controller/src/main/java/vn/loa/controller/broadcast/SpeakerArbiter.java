package vn.loa.controller.broadcast;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds each speaker, decided per speaker, not per broadcast: a claim of higher priority takes the speaker at
 * once; between equals the holder keeps it; when the holder lets go, the best remaining claim takes over (highest
 * priority, then the earliest started). Not thread-safe: the broadcast service calls it from its one worker.
 */
final class SpeakerArbiter {

    /** A broadcast's claim on speakers; {@code order} is its start order, earlier first. */
    record Claim(String broadcastId, Priority priority, long order) {
    }

    /** The speaker passed from one broadcast to another; either may be null (nobody held it, nobody takes it). */
    record Handover(String deviceId, String from, String to) {
    }

    private static final Comparator<Claim> BEST_FIRST = Comparator.comparing(Claim::priority).reversed()
            .thenComparingLong(Claim::order);

    private final Map<String, Speaker> speakers = new HashMap<>();

    private static final class Speaker {
        final List<Claim> claims = new ArrayList<>(2);
        Claim holder;
    }

    /** Adds the claim on each device; returns the devices it takes. */
    List<Handover> claim(Claim claim, Collection<String> deviceIds) {
        List<Handover> handovers = new ArrayList<>();
        for (String deviceId : deviceIds) {
            Speaker speaker = speakers.computeIfAbsent(deviceId, id -> new Speaker());
            if (speaker.claims.stream().anyMatch(c -> c.broadcastId().equals(claim.broadcastId()))) {
                continue;
            }
            speaker.claims.add(claim);
            if (speaker.holder == null || claim.priority().above(speaker.holder.priority())) {
                handovers.add(new Handover(deviceId, idOf(speaker.holder), claim.broadcastId()));
                speaker.holder = claim;
            }
        }
        return handovers;
    }

    /** Withdraws the broadcast's claim on each device; returns where the devices it held go. */
    List<Handover> release(String broadcastId, Collection<String> deviceIds) {
        List<Handover> handovers = new ArrayList<>();
        for (String deviceId : deviceIds) {
            Speaker speaker = speakers.get(deviceId);
            if (speaker == null || !speaker.claims.removeIf(c -> c.broadcastId().equals(broadcastId))) {
                continue;
            }
            if (speaker.holder != null && speaker.holder.broadcastId().equals(broadcastId)) {
                speaker.holder = speaker.claims.stream().min(BEST_FIRST).orElse(null);
                handovers.add(new Handover(deviceId, broadcastId, idOf(speaker.holder)));
            }
            if (speaker.claims.isEmpty()) {
                speakers.remove(deviceId);
            }
        }
        return handovers;
    }

    /** The broadcast holding the device, or null. */
    String holder(String deviceId) {
        Speaker speaker = speakers.get(deviceId);
        return speaker == null ? null : idOf(speaker.holder);
    }

    private static String idOf(Claim claim) {
        return claim == null ? null : claim.broadcastId();
    }
}
