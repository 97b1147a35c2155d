package vn.loa.controller.broadcast;

import java.time.Instant;

/** One row of proof of play, as stored and as {@code GET /api/broadcasts/{id}/deliveries} shows it. */
public record DeliveryRow(String broadcastId, String deviceId, Long areaId, Outcome outcome, String reason,
                          Instant firstStartedAt, Instant lastEndedAt, double secondsPlayed, int preemptions,
                          Float lossFraction, Float jitterMillis, Instant updatedAt) {
}
