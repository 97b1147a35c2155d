package vn.loa.bench.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import vn.loa.bench.support.ApiStatusException;

/**
 * Calls the API again while the server answers 503 (its broadcast service busy: "try again"), as an operator's
 * console would, up to a limit. The time of a call counts from its first attempt.
 */
final class WhenNotBusy {
    static final Duration RETRY_AFTER = Duration.ofMillis(200);
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    interface Call {
        JsonNode run() throws IOException, InterruptedException;
    }

    /** The answer and how many attempts it took. */
    record Answer(JsonNode body, int attempts) {
    }

    private WhenNotBusy() {
    }

    static Answer call(Call call) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return new Answer(call.run(), attempt);
            } catch (ApiStatusException e) {
                if (e.status() != ApiStatusException.SERVICE_UNAVAILABLE || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(RETRY_AFTER.toMillis());
        }
    }
}
