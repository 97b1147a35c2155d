package vn.loa.controller.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import vn.loa.controller.http.ApiException;
import vn.loa.streamer.source.LivePcmSource;

/**
 * Feeds raw PCM (s16le, mono, 48 kHz) from a request body into a live source at the pace it plays, at most
 * {@link #LEAD_MILLIS} ahead, so a script may post a whole file and none of it overflows the source's queue.
 */
final class PcmPacer {
    static final int BYTES_PER_SECOND = 48_000 * 2;
    /** Longest body one request may carry: ten minutes of audio. */
    static final long MAX_BODY_BYTES = 600L * BYTES_PER_SECOND;
    /** How far ahead of the playout clock the pushed audio may run. */
    static final long LEAD_MILLIS = 500;
    /** Bytes read and pushed at a time: 20 ms of audio. */
    private static final int CHUNK_BYTES = BYTES_PER_SECOND / 50;

    private PcmPacer() {
    }

    /** Pushes everything {@code in} holds; returns the number of bytes pushed. */
    static long pushInRealTime(InputStream in, LivePcmSource live) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        long started = System.nanoTime();
        long pushed = 0;
        for (int n = in.readNBytes(chunk, 0, chunk.length); n > 0; n = in.readNBytes(chunk, 0, chunk.length)) {
            pushTo(live, chunk, n, pushed);
            pushed += n;
            long aheadMillis = millisOf(pushed) - (System.nanoTime() - started) / 1_000_000;
            if (aheadMillis > LEAD_MILLIS) {
                pause(aheadMillis - LEAD_MILLIS);
            }
        }
        return pushed;
    }

    /** Pushes one chunk; a stream stopped meanwhile (its broadcast ended) is a 409 saying how much got through. */
    private static void pushTo(LivePcmSource live, byte[] chunk, int length, long pushedBefore) {
        try {
            live.push(chunk, 0, length);
        } catch (IllegalStateException e) {
            throw ApiException.conflict("the stream ended while its audio was being pushed",
                    Map.of("bytes", pushedBefore, "millis", millisOf(pushedBefore)));
        }
    }

    static long millisOf(long bytes) {
        return bytes * 1000 / BYTES_PER_SECOND;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing PCM", e);
        }
    }
}
