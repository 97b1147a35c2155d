package vn.loa.bench.broadcast;

import java.io.IOException;
import java.util.Set;

/** Which streams carry a broadcast, as far as is known now. */
interface StreamsOnAir {
    /** Learns again what is on air. */
    void refresh() throws IOException, InterruptedException;

    /** Every stream the broadcast has been seen to have. */
    Set<String> streams(String broadcastId);

    /** Where a broadcast is one stream of the same id (the floor's). */
    static StreamsOnAir oneStreamEach() {
        return new StreamsOnAir() {
            @Override
            public void refresh() {
                // nothing to learn: the streams are the broadcasts
            }

            @Override
            public Set<String> streams(String broadcastId) {
                return Set.of(broadcastId);
            }
        };
    }
}
