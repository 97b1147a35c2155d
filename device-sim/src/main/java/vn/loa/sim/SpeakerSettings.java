package vn.loa.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.DesiredState;

/**
 * What an operator can set on a speaker (its own volume, mute, amplifier, group membership, desired version), and
 * the volume a play order may impose for one playback. While that playback volume is in force the output plays
 * at it, unmuted, amplifier on; commands and desired states keep changing the own settings, which the output
 * returns to when the playback volume is lifted (docs/device-protocol.md, "Playback volume").
 */
final class SpeakerSettings {
    static final int FACTORY_VOLUME = 50;

    private int volume = FACTORY_VOLUME;
    private boolean muted;
    private boolean amplifier = true;
    private Integer playbackVolume;
    private final Set<String> groups = new TreeSet<>();
    private Long desiredVersion;

    /** Applies volume, mute, unmute and amplifier; false for any other type (the caller handles those). */
    synchronized boolean apply(Command command) {
        switch (command.type()) {
            case volume -> volume = (Integer) command.value();
            case mute -> muted = true;
            case unmute -> muted = false;
            case amplifier -> amplifier = (Boolean) command.value();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Applies a desired state and says which group subscriptions must change. */
    synchronized GroupChange apply(DesiredState desired) {
        if (desired.volume() != null) {
            volume = desired.volume();
        }
        if (desired.muted() != null) {
            muted = desired.muted();
        }
        Set<String> wanted = new HashSet<>(desired.groups());
        List<String> leave = groups.stream().filter(g -> !wanted.contains(g)).toList();
        List<String> join = wanted.stream().filter(g -> !groups.contains(g)).sorted().toList();
        groups.clear();
        groups.addAll(wanted);
        desiredVersion = desired.version();
        return new GroupChange(join, leave);
    }

    /** Puts a play order's volume in force, or with null lifts it: the output returns to the own settings. */
    synchronized void playbackVolume(Integer volume) {
        playbackVolume = volume;
    }

    /** The play order's volume in force, or null. */
    synchronized Integer playbackVolume() {
        return playbackVolume;
    }

    /** What the output does now. */
    synchronized Output output() {
        return playbackVolume != null ? new Output(playbackVolume, false, true) : new Output(volume, muted, amplifier);
    }

    synchronized List<String> groups() {
        return List.copyOf(groups);
    }

    synchronized Long desiredVersion() {
        return desiredVersion;
    }

    record GroupChange(List<String> join, List<String> leave) {
    }

    /** The output's volume (percent), mute and amplifier as they are now. */
    record Output(int volume, boolean muted, boolean amplifier) {
    }
}
