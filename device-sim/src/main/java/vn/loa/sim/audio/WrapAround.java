package vn.loa.sim.audio;

/**
 * Extends a wrapping counter (RTP's 16-bit sequence number, its 32-bit timestamp) to 64 bits: each value is
 * taken as the one nearest to the highest seen so far, so ordering survives a roll-over. The first value is
 * kept as it is; a value just before it comes out negative.
 */
final class WrapAround {
    private final int bits;
    private final long mask;
    private boolean started;
    private long highest;

    WrapAround(int bits) {
        this.bits = bits;
        this.mask = (1L << bits) - 1;
    }

    long extend(long value) {
        long wire = value & mask;
        if (!started) {
            started = true;
            highest = wire;
            return wire;
        }
        long diff = (wire - (highest & mask)) & mask;
        if (diff >= (1L << (bits - 1))) {
            diff -= 1L << bits;
        }
        long extended = highest + diff;
        highest = Math.max(highest, extended);
        return extended;
    }
}
