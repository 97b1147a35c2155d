package vn.loa.sim.mqtt;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes this process's futex hash table for a fleet's threads.
 *
 * <p>Every blocked Java thread waits on a futex, and the kernel finds a futex's waiters through a hash table.
 * Since Linux 6.16 a process gets its own table, sized by default for its CPUs, not its threads: 16 buckets on a
 * 2-core machine. A fleet of 5,000 speakers parks 15,000 Paho threads in those 16 buckets, so every wake-up (three
 * or four per command a speaker answers) walks a chain of about a thousand waiters under a contended lock; on the
 * development machine that tripled the simulator's CPU time per command. A table with a bucket per thread keeps
 * the chains short. Older kernels, which have one table for the whole machine, refuse the call and need nothing.
 */
public final class FutexHash {
    private static final Logger log = LoggerFactory.getLogger(FutexHash.class);
    /** {@code PR_FUTEX_HASH} and its sub-commands, from linux/prctl.h. */
    private static final int PR_FUTEX_HASH = 78;
    private static final int SET_SLOTS = 1;
    private static final int GET_SLOTS = 2;
    /** The most buckets asked for (2 MiB of kernel memory at most); enough for the fleet's 50,000-speaker cap. */
    public static final int MAX_SLOTS = 1 << 17;
    /** The kernel's smallest private table. */
    static final int MIN_SLOTS = 16;

    private FutexHash() {
    }

    /** What {@link #ensureSlotsFor} did. */
    public enum Outcome {
        /** The table was resized to at least the number asked for. */
        RESIZED,
        /** The table was already large enough, or the process uses the machine-wide table. */
        ALREADY_ENOUGH,
        /** Not Linux, or a kernel without per-process tables: nothing to do. */
        NOT_APPLICABLE
    }

    /** Grows the table to a power of two of at least {@code threads} buckets (up to {@link #MAX_SLOTS}); never shrinks it. */
    public static synchronized Outcome ensureSlotsFor(int threads) {
        OptionalInt current = slots();
        if (current.isEmpty()) {
            return Outcome.NOT_APPLICABLE;
        }
        int wanted = slotsFor(threads);
        // 0 means the process already shares the machine-wide table, which is sized for the whole machine
        if (current.getAsInt() == 0 || current.getAsInt() >= wanted) {
            return Outcome.ALREADY_ENOUGH;
        }
        try {
            Libc.INSTANCE.prctl(PR_FUTEX_HASH, SET_SLOTS, wanted, 0, 0);
            log.debug("futex hash table grown from {} to {} buckets for {} threads", current.getAsInt(), wanted,
                    threads);
            return Outcome.RESIZED;
        } catch (LastErrorException e) {
            log.warn("could not grow the futex hash table to {} buckets (errno {}): thread wake-ups will cost more",
                    wanted, e.getErrorCode());
            return Outcome.NOT_APPLICABLE;
        }
    }

    /** Buckets of this process's private table; 0 if it uses the machine-wide one; empty if the kernel has none. */
    public static OptionalInt slots() {
        if (!Platform.isLinux()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Libc.INSTANCE.prctl(PR_FUTEX_HASH, GET_SLOTS, 0, 0, 0));
        } catch (LastErrorException e) {
            return OptionalInt.empty();
        } catch (LinkageError e) {
            log.debug("cannot reach libc to size the futex hash table: {}", e.getMessage());
            return OptionalInt.empty();
        }
    }

    static int slotsFor(int threads) {
        int wanted = Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, threads));
        return Integer.bitCount(wanted) == 1 ? wanted : Integer.highestOneBit(wanted) << 1;
    }

    private interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;
    }
}
