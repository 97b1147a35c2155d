package vn.loa.controller.broadcast;

import java.util.Map;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.stream.PreparedSource;
import vn.loa.controller.stream.SourceSpec;

/**
 * A broadcast checked and made ready to go on air: its speakers found (device id to area id) and its source
 * prepared ({@link SourceSpec} {@code playable}: text-to-speech already spoken into a media item). A stand-in
 * launcher in tests prepares no source ({@code source} null).
 */
public record PreparedBroadcast(Caller caller, BroadcastRequest request, Map<String, Long> speakers,
                                SourceSpec playable, PreparedSource source) implements AutoCloseable {

    /** Releases the prepared source of a broadcast that will not start. */
    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
    }
}
