package vn.loa.controller.stream;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import vn.loa.streamer.ReceiverStats;
import vn.loa.streamer.source.LivePcmSource;

/** A stream opened for a broadcast, as the broadcast holds it: play position, pausing, receivers, closing. */
public final class StreamHandle {
    private final RunningStream stream;

    StreamHandle(RunningStream stream) {
        this.stream = stream;
    }

    RunningStream stream() {
        return stream;
    }

    public String id() {
        return stream.id();
    }

    /** A media playlist, which can be held still and resumed where it was. */
    public boolean isPlaylist() {
        return stream.control() != null;
    }

    /** Holds a playlist still; nothing for other sources. */
    public void pause() {
        if (stream.control() != null) {
            stream.control().pause();
        }
    }

    public void resume() {
        if (stream.control() != null) {
            stream.control().resume();
        }
    }

    public boolean paused() {
        return stream.control() != null && stream.control().paused();
    }

    /** Milliseconds into the playlist (across loops); 0 for other sources. */
    public long positionMillis() {
        return stream.playlist() == null ? 0 : stream.playlist().positionMillis();
    }

    /** Where PCM is pushed, for a live stream. */
    public Optional<LivePcmSource> live() {
        return Optional.ofNullable(stream.live());
    }

    public boolean ended() {
        return stream.ended().at() != null;
    }

    /** Each latched device's reception as its RTCP receiver reports tell it, by device id. */
    public Map<String, ReceiverStats> receivers() {
        Map<String, ReceiverStats> byDevice = new HashMap<>();
        for (ReceiverStats r : stream.rtp().receivers()) {
            if (r.deviceId() != null) {
                byDevice.put(r.deviceId(), r);
            }
        }
        return byDevice;
    }

    /** Stops sending to devices that were moved to another stream, and forgets they were told to play this one. */
    public void release(Collection<String> deviceIds) {
        stream.toldToPlay().removeAll(deviceIds);
        stream.rtp().removeReceivers(deviceIds);
    }

    /** Stops the stream without telling any device; the broadcast tells them what to play next. */
    public void close() {
        stream.rtp().close();
    }
}
