package vn.loa.streamer.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;

import java.util.function.Supplier;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's log lines to SLF4J (logger "ffmpeg") instead of stderr, and counts the errors FFmpeg reports on
 * the calling thread while {@link #countingErrors} runs: demuxers and decoders report damaged data only through
 * the log, so this is how a decode learns that the upload is corrupt. FFmpeg calls the callback synchronously on
 * the thread that reads or decodes (when the decoder runs single-threaded), so a thread-local tally sees exactly
 * its own work.
 *
 * <p>FFmpeg has one log callback per process: other code should call {@link #install()} rather than install its
 * own (javacv's {@code FFmpegLogCallback.set()} would silently switch the error tally off).
 */
public final class FfmpegLog {

    private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");
    private static final ThreadLocal<ErrorTally> TALLY = new ThreadLocal<>();
    private static final Bridge BRIDGE = new Bridge();

    static {
        avutil.setLogCallback(BRIDGE);
    }

    private FfmpegLog() {
    }

    /** Makes sure FFmpeg logs through SLF4J from now on; idempotent. */
    public static void install() {
        // The static initialiser did the work.
    }

    /** What FFmpeg reported as errors while some work ran on this thread. */
    static final class ErrorTally {
        private int count;
        private String first;

        int count() {
            return count;
        }

        /** The first error line, or null. */
        String first() {
            return first;
        }

        private void add(String line) {
            if (count++ == 0) {
                first = line;
            }
        }
    }

    /** Runs {@code work} on this thread, adding every FFmpeg error it causes to {@code tally}. */
    static <T, E extends Exception> T countingErrors(ErrorTally tally, ThrowingSupplier<T, E> work) throws E {
        ErrorTally outer = TALLY.get();
        TALLY.set(tally);
        try {
            return work.get();
        } finally {
            TALLY.set(outer);
        }
    }

    /** A {@link Supplier} that may throw. */
    @FunctionalInterface
    interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }

    private static final class Bridge extends LogCallback {
        @Override
        public void call(int level, BytePointer message) {
            String line = message.getString().strip();
            if (level <= AV_LOG_ERROR) {
                ErrorTally tally = TALLY.get();
                if (tally != null) {
                    tally.add(line);
                    LOG.debug("{}", line);
                } else {
                    LOG.warn("{}", line);
                }
            } else if (level <= AV_LOG_WARNING) {
                LOG.debug("{}", line);
            } else {
                LOG.trace("{}", line);
            }
        }
    }
}
