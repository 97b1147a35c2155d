package vn.loa.streamer.opus;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The part of libopus's encoder API (opus.h, opus_defines.h) that {@link OpusEncoder} uses, loaded once. */
interface Libopus extends Library {
    /** The shared object's name in Debian's {@code libopus0}; dlopen finds it on the linker's usual path. */
    String LIBRARY = "libopus.so.0";

    int OK = 0;
    int APPLICATION_AUDIO = 2049;
    int SET_BITRATE = 4002;
    int SET_COMPLEXITY = 4010;
    int SET_INBAND_FEC = 4012;
    int SET_PACKET_LOSS_PERC = 4014;
    int GET_LOOKAHEAD = 4027;

    /** The library, loaded on first use; a clear error naming the package when it is missing. */
    static Libopus load() {
        if (Holder.INSTANCE == null) {
            throw new IllegalStateException("libopus (" + LIBRARY + ") is not installed: install the Debian package"
                    + " libopus0 (apt-get install libopus0)", Holder.FAILURE);
        }
        return Holder.INSTANCE;
    }

    Pointer opus_encoder_create(int sampleRate, int channels, int application, IntByReference error);

    /** Variadic in C: one {@code int} for a setter, an {@code int*} for a getter. */
    int opus_encoder_ctl(Pointer encoder, int request, Object... argument);

    int opus_encode(Pointer encoder, Pointer pcm, int frameSize, Pointer packet, int maxPacketBytes);

    void opus_encoder_destroy(Pointer encoder);

    String opus_strerror(int error);

    /** Holds the loaded library, or why it could not be loaded (kept, so every later use says so too). */
    final class Holder {
        static final Libopus INSTANCE;
        static final UnsatisfiedLinkError FAILURE;

        static {
            Libopus loaded = null;
            UnsatisfiedLinkError failure = null;
            try {
                loaded = Native.load(LIBRARY, Libopus.class);
            } catch (UnsatisfiedLinkError e) {
                failure = e;
            }
            INSTANCE = loaded;
            FAILURE = failure;
        }

        private Holder() {
        }
    }
}
