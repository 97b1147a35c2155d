package vn.loa.controller.broadcast;

import java.time.Duration;
import java.time.Instant;
import vn.loa.streamer.ReceiverStats;

/**
 * Proof of play of one broadcast on one speaker while the broadcast runs. Segments of audio are counted from the
 * speaker's {@code playback-started} to the moment the server moved it away (preempted, stopped, playlist over)
 * or the speaker reported the playback's end. Used from the broadcast worker only.
 */
final class Delivery {
    final String broadcastId;
    final String deviceId;
    final Long areaId;
    private Outcome outcome = Outcome.pending;
    private String reason;
    private Instant firstStartedAt;
    private Instant lastEndedAt;
    private Instant segmentStartedAt;
    private double secondsPlayed;
    private int preemptions;
    private Float lossFraction;
    private Float jitterMillis;
    /** The last segment lasted until the broadcast or its playlist ended. */
    private boolean reachedEnd;

    Delivery(String broadcastId, String deviceId, Long areaId) {
        this.broadcastId = broadcastId;
        this.deviceId = deviceId;
        this.areaId = areaId;
    }

    /** As stored before a restart: its figures carry on. */
    static Delivery restored(DeliveryRow row) {
        Delivery delivery = new Delivery(row.broadcastId(), row.deviceId(), row.areaId());
        delivery.outcome = row.outcome() == Outcome.playing ? Outcome.pending : row.outcome();
        delivery.reason = row.reason();
        delivery.firstStartedAt = row.firstStartedAt();
        delivery.lastEndedAt = row.lastEndedAt();
        delivery.secondsPlayed = row.secondsPlayed();
        delivery.preemptions = row.preemptions();
        delivery.lossFraction = row.lossFraction();
        delivery.jitterMillis = row.jitterMillis();
        return delivery;
    }

    boolean playing() {
        return segmentStartedAt != null;
    }

    void started(Instant at) {
        if (segmentStartedAt != null) {
            return;
        }
        segmentStartedAt = at;
        if (firstStartedAt == null) {
            firstStartedAt = at;
        }
        reachedEnd = false;
        if (outcome != Outcome.preempted) {
            outcome = Outcome.playing;
        }
        reason = null;
    }

    /** The speaker's audio of this broadcast stopped at {@code at}; {@code stats} may be null. */
    void stopped(Instant at, ReceiverStats stats, boolean atTheEnd) {
        if (stats != null) {
            lossFraction = (float) stats.lossShare();
            jitterMillis = (float) stats.jitterMillis();
        }
        if (segmentStartedAt == null) {
            return;
        }
        secondsPlayed += Math.max(0, Duration.between(segmentStartedAt, at).toMillis()) / 1000.0;
        lastEndedAt = at;
        segmentStartedAt = null;
        reachedEnd = atTheEnd;
    }

    void preempted(Instant at, ReceiverStats stats) {
        stopped(at, stats, false);
        preemptions++;
        outcome = Outcome.preempted;
    }

    /** Another broadcast of higher or equal priority holds the speaker, which has not played this one yet. */
    void heldBy(String otherBroadcastId) {
        if (firstStartedAt == null) {
            outcome = Outcome.preempted;
            reason = "the speaker played broadcast " + otherBroadcastId;
        }
    }

    /** Why the speaker plays nothing (offline, rejected, failed); kept only while it has played nothing. */
    void notPlaying(Outcome why, String detail) {
        if (firstStartedAt == null && outcome != Outcome.preempted) {
            outcome = why;
            reason = detail;
        } else if (why == Outcome.failed || why == Outcome.offline) {
            reason = detail;
        }
    }

    /** Settles the outcome once the broadcast is over. */
    void finish(Instant at, ReceiverStats stats) {
        stopped(at, stats, true);
        if (preemptions > 0) {
            outcome = Outcome.preempted;
        } else if (secondsPlayed > 0) {
            outcome = reachedEnd ? Outcome.played : Outcome.partly_played;
        } else if (outcome == Outcome.pending || outcome == Outcome.playing) {
            outcome = Outcome.failed;
            reason = reason != null ? reason : "no audio reported";
        }
    }

    DeliveryRow row(Instant now) {
        double seconds = secondsPlayed + (segmentStartedAt == null ? 0
                : Math.max(0, Duration.between(segmentStartedAt, now).toMillis()) / 1000.0);
        return new DeliveryRow(broadcastId, deviceId, areaId, outcome, reason, firstStartedAt,
                segmentStartedAt != null ? null : lastEndedAt, seconds, preemptions, lossFraction, jitterMillis, now);
    }
}
