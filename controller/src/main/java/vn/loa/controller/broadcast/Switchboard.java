package vn.loa.controller.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.command.AcceptedCommand;
import vn.loa.controller.device.LiveState;
import vn.loa.controller.device.LiveStateStore;
import vn.loa.controller.stream.StreamHandle;
import vn.loa.controller.stream.StreamService;
import vn.loa.streamer.ReceiverStats;

/**
 * The broadcasts on air and who plays what: applies the {@link SpeakerArbiter}'s handovers by moving speakers
 * between streams (play orders, stops), holds and resumes playlists, opens a leg for speakers that come back where
 * no leg is, and keeps proof of play. Runs on the broadcast worker thread only; {@link #running} may be read from
 * any thread.
 */
final class Switchboard {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    /** Why speakers change hands. */
    private enum Cause {
        /** A higher broadcast took them: the one left is preempted. */
        TAKEN,
        /** The broadcast let go because its audio is over for them (ended, stopped, playlist done). */
        DONE,
        /** The broadcast let go because they left its targets. */
        LEFT_TARGETS
    }

    private final StreamService streams;
    private final LiveStateStore live;
    private final DeliveryLedger ledger;
    private final Clock clock;
    private final boolean resumeWhereLeft;
    /** Told of each play command sent, to learn which speakers refused it or were offline. */
    private final BiConsumer<RunningBroadcast, AcceptedCommand> playSent;
    private final SpeakerArbiter arbiter = new SpeakerArbiter();
    private final Map<String, RunningBroadcast> running = new ConcurrentHashMap<>();
    private final Map<String, Leg> legsByStream = new HashMap<>();

    Switchboard(StreamService streams, LiveStateStore live, DeliveryLedger ledger, Clock clock,
                boolean resumeWhereLeft, BiConsumer<RunningBroadcast, AcceptedCommand> playSent) {
        this.streams = streams;
        this.live = live;
        this.ledger = ledger;
        this.clock = clock;
        this.resumeWhereLeft = resumeWhereLeft;
        this.playSent = playSent;
    }

    Map<String, RunningBroadcast> running() {
        return running;
    }

    Optional<Leg> legOf(String streamId) {
        return Optional.ofNullable(legsByStream.get(streamId));
    }

    /** Puts the broadcast on air on its main stream and claims the speakers its targets reach. */
    void begin(RunningBroadcast broadcast, StreamHandle main, Map<String, Long> speakers) {
        Leg leg = new Leg(broadcast, main);
        broadcast.legs.add(leg);
        legsByStream.put(main.id(), leg);
        running.put(broadcast.id(), broadcast);
        claim(broadcast, speakers);
        holdIfUnheard(leg);
    }

    /** Adds speakers the targets reach now (a device joined a targeted group or area) and drops those gone. */
    void retarget(RunningBroadcast broadcast, Map<String, Long> reachNow) {
        Map<String, Long> added = new LinkedHashMap<>();
        reachNow.forEach((id, area) -> {
            if (!broadcast.claimed.containsKey(id) && !broadcast.finished.contains(id)) {
                added.put(id, area);
            }
        });
        List<String> gone = broadcast.claimed.keySet().stream().filter(id -> !reachNow.containsKey(id)).toList();
        if (!gone.isEmpty()) {
            log.info("broadcast {}: {} speakers left its targets", broadcast.id(), gone.size());
            gone.forEach(broadcast.claimed::remove);
            gone.forEach(broadcast.leftAt::remove);
            apply(arbiter.release(broadcast.id(), gone), Cause.LEFT_TARGETS);
        }
        if (!added.isEmpty()) {
            log.info("broadcast {}: {} speakers joined its targets", broadcast.id(), added.size());
            claim(broadcast, added);
        }
    }

    /** The stream of a leg ended: its playlist is over for the speakers on it. */
    void legEnded(String streamId) {
        Leg leg = legsByStream.remove(streamId);
        if (leg == null) {
            return;
        }
        leg.ended = true;
        RunningBroadcast broadcast = leg.broadcast;
        List<String> done = List.copyOf(leg.devices);
        broadcast.finished.addAll(done);
        done.forEach(broadcast.claimed::remove);
        apply(arbiter.release(broadcast.id(), done), Cause.DONE);
    }

    /** Whether nothing more can play: no leg runs and no speaker waits to resume where it left. */
    boolean exhausted(RunningBroadcast broadcast) {
        return !broadcast.anyLegRunning() && broadcast.leftAt.isEmpty();
    }

    /** Takes the broadcast off the air: its speakers go back to what they would play, or stop. */
    void end(RunningBroadcast broadcast) {
        apply(arbiter.release(broadcast.id(), List.copyOf(broadcast.claimed.keySet())), Cause.DONE);
        running.remove(broadcast.id());
        Instant now = clock.instant();
        for (Leg leg : broadcast.legs) {
            legsByStream.remove(leg.stream.id());
            leg.ended = true;
            leg.stream.close();
        }
        for (Delivery delivery : ledger.all(broadcast.id())) {
            if (!live.isOnline(delivery.deviceId)) {
                delivery.notPlaying(Outcome.offline, "offline when the broadcast ended");
            }
            delivery.finish(now, null);
        }
        ledger.forget(broadcast.id());
    }

    /** A device reported a playback event on one of the legs. */
    void playback(String deviceId, LiveState.Playback playback) {
        Leg leg = playback.stream() == null ? null : legsByStream.get(playback.stream());
        if (leg == null || leg.broadcast.playingOn.get(deviceId) != leg) {
            return;
        }
        Delivery delivery = ledger.change(leg.broadcast.id(), deviceId);
        if (delivery == null) {
            return;
        }
        switch (playback.event()) {
            case LiveState.PLAYBACK_STARTED -> delivery.started(playback.at());
            case LiveState.PLAYBACK_ENDED -> delivery.stopped(playback.at(), null, false);
            case LiveState.PLAYBACK_FAILED -> {
                delivery.stopped(playback.at(), null, false);
                delivery.notPlaying(Outcome.failed, playback.detail());
            }
            default -> log.debug("ignored playback event {} of {}", playback.event(), deviceId);
        }
    }

    /** Sends a fresh play order to each speaker held by a broadcast whose MQTT connection is new. */
    void rejoinReconnected() {
        for (RunningBroadcast broadcast : running.values()) {
            Map<Leg, List<String>> rejoin = new HashMap<>();
            broadcast.playingOn.forEach((deviceId, leg) -> {
                Instant connection = live.connectedAt(deviceId);
                if (connection != null && !connection.equals(broadcast.toldOnConnection.get(deviceId))) {
                    rejoin.computeIfAbsent(leg, l -> new ArrayList<>()).add(deviceId);
                }
            });
            rejoin.forEach((leg, devices) -> {
                log.info("broadcast {}: {} speakers reconnected, sending play again", broadcast.id(), devices.size());
                play(leg, devices);
            });
        }
    }

    /** Where the device's audio went, for the outcome of play orders it refused or never received. */
    void notPlaying(RunningBroadcast broadcast, String deviceId, Outcome why, String detail) {
        Delivery delivery = ledger.change(broadcast.id(), deviceId);
        if (delivery != null && !delivery.playing()) {
            delivery.notPlaying(why, detail);
        }
    }

    private void claim(RunningBroadcast broadcast, Map<String, Long> speakers) {
        broadcast.claimed.putAll(speakers);
        speakers.forEach((id, area) -> ledger.of(broadcast.id(), id, area));
        List<SpeakerArbiter.Handover> handovers = arbiter.claim(broadcast.claim, speakers.keySet());
        Set<String> taken = new HashSet<>();
        handovers.forEach(h -> taken.add(h.deviceId()));
        for (String deviceId : speakers.keySet()) {
            if (!taken.contains(deviceId)) {
                String holder = arbiter.holder(deviceId);
                Delivery delivery = ledger.change(broadcast.id(), deviceId);
                if (holder != null && delivery != null) {
                    delivery.heldBy(holder);
                }
            }
        }
        apply(handovers, Cause.TAKEN);
    }

    /**
     * Moves each speaker from the broadcast that held it to the one that takes it: the one left records where
     * it was and lets go of the speaker's stream (and is held still if nobody hears it any more), the one
     * taking it sends play orders, one per leg; a speaker nobody takes is sent a stop.
     */
    private void apply(List<SpeakerArbiter.Handover> handovers, Cause cause) {
        if (handovers.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<Leg, Map<String, ReceiverStats>> receivers = new HashMap<>();
        Map<Leg, Long> positions = new HashMap<>(); // one point per leg: its speakers left it together
        Map<Leg, List<String>> stops = new LinkedHashMap<>();
        Map<RunningBroadcast, List<String>> joining = new LinkedHashMap<>();
        Map<Leg, List<String>> released = new LinkedHashMap<>();
        for (SpeakerArbiter.Handover h : handovers) {
            RunningBroadcast from = h.from() == null ? null : running.get(h.from());
            if (from != null) {
                Leg leg = from.playingOn.remove(h.deviceId());
                ReceiverStats stats = leg == null ? null
                        : receivers.computeIfAbsent(leg, l -> l.stream.receivers()).get(h.deviceId());
                if (leg != null) {
                    leg.devices.remove(h.deviceId());
                    released.computeIfAbsent(leg, l -> new ArrayList<>()).add(h.deviceId());
                }
                Delivery delivery = ledger.change(from.id(), h.deviceId());
                if (cause == Cause.TAKEN) {
                    if (leg != null && resumeWhereLeft && from.isPlaylist()) {
                        from.leftAt.put(h.deviceId(), positions.computeIfAbsent(leg, l -> l.stream.positionMillis()));
                    }
                    if (delivery != null) {
                        delivery.preempted(now, stats);
                    }
                } else if (delivery != null) {
                    delivery.stopped(now, stats, cause == Cause.DONE);
                }
                if (h.to() == null && leg != null) {
                    stops.computeIfAbsent(leg, l -> new ArrayList<>()).add(h.deviceId());
                }
            }
            RunningBroadcast to = h.to() == null ? null : running.get(h.to());
            if (to != null) {
                joining.computeIfAbsent(to, b -> new ArrayList<>()).add(h.deviceId());
            }
        }
        // held at once, before the play orders go out, so a playlist stops where its speakers left it
        released.keySet().forEach(this::holdIfUnheard);
        released.forEach((leg, devices) -> leg.stream.release(devices));
        stops.forEach((leg, devices) -> streams.stopOn(leg.broadcast.caller, leg.stream, leg.broadcast.recordedAs(),
                devices));
        joining.forEach(this::join);
    }

    /**
     * Puts speakers the broadcast just took on the right leg and sends them play orders; a speaker for which
     * nothing is left to play (the playlist ended before it came) is let go again.
     */
    private void join(RunningBroadcast broadcast, List<String> deviceIds) {
        Map<Leg, List<String>> byLeg = new LinkedHashMap<>();
        Map<Long, Leg> openedNow = new HashMap<>();
        List<String> nothingLeft = new ArrayList<>();
        for (String deviceId : deviceIds) {
            Leg leg = legFor(broadcast, deviceId, openedNow);
            if (leg != null) {
                byLeg.computeIfAbsent(leg, l -> new ArrayList<>()).add(deviceId);
            } else {
                nothingLeft.add(deviceId);
            }
        }
        byLeg.forEach(this::play);
        if (!nothingLeft.isEmpty()) {
            broadcast.finished.addAll(nothingLeft);
            nothingLeft.forEach(broadcast.claimed::remove);
            apply(arbiter.release(broadcast.id(), nothingLeft), Cause.DONE);
        }
    }

    /**
     * A speaker coming back from a preemption to a playlist resumes where it left it (when so configured);
     * any other joins the main leg where it is now, or gets nothing once that has ended.
     */
    private Leg legFor(RunningBroadcast broadcast, String deviceId, Map<Long, Leg> openedNow) {
        Long leftAt = broadcast.leftAt.remove(deviceId);
        if (leftAt != null) {
            return resumeAt(broadcast, leftAt, openedNow);
        }
        return broadcast.main().ended ? null : broadcast.main();
    }

    /** A leg of the playlist at {@code positionMillis}: one held there, one opened in this handover, or a new one. */
    private Leg resumeAt(RunningBroadcast broadcast, long positionMillis, Map<Long, Leg> openedNow) {
        for (Leg leg : broadcast.legs) {
            if (leg.waitsAt(positionMillis)) {
                return leg;
            }
        }
        return openedNow.computeIfAbsent(positionMillis, p -> {
            StreamHandle stream = streams.open(broadcast.caller, broadcast.record.name() + " (resumed)",
                    streams.prepare(broadcast.caller, broadcast.playable, p), broadcast.record.volume());
            Leg leg = new Leg(broadcast, stream);
            broadcast.legs.add(leg);
            legsByStream.put(stream.id(), leg);
            log.info("broadcast {}: leg {} opened at {} ms for speakers resuming there", broadcast.id(), stream.id(), p);
            return leg;
        });
    }

    private void play(Leg leg, List<String> deviceIds) {
        RunningBroadcast broadcast = leg.broadcast;
        leg.stream.resume();
        for (String deviceId : deviceIds) {
            leg.devices.add(deviceId);
            broadcast.playingOn.put(deviceId, leg);
            Instant connection = live.connectedAt(deviceId);
            if (connection != null) {
                broadcast.toldOnConnection.put(deviceId, connection);
            }
        }
        streams.playOn(broadcast.caller, leg.stream, broadcast.recordedAs(), deviceIds)
                .ifPresent(command -> playSent.accept(broadcast, command));
    }

    /** A playlist leg nobody hears is held still (the main one) or closed (a resume leg). */
    private void holdIfUnheard(Leg leg) {
        if (leg.ended || !leg.devices.isEmpty() || !leg.stream.isPlaylist() || !resumeWhereLeft) {
            return;
        }
        if (leg.isMain()) {
            leg.stream.pause();
        } else {
            leg.ended = true;
            legsByStream.remove(leg.stream.id());
            leg.stream.close();
        }
    }
}
