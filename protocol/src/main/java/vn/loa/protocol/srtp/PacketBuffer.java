package vn.loa.protocol.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/** A packet in a byte array, as jitsi-srtp transforms it in place (growing it only when the array has no room). */
final class PacketBuffer implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;

    PacketBuffer(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int from, int count, byte[] out) {
        System.arraycopy(buffer, offset + from, out, 0, count);
    }

    @Override
    public void grow(int extra) {
        if (buffer.length - offset - length < extra) {
            byte[] larger = new byte[length + extra];
            System.arraycopy(buffer, offset, larger, 0, length);
            buffer = larger;
            offset = 0;
        }
    }

    @Override
    public void append(byte[] data, int count) {
        grow(count);
        System.arraycopy(data, 0, buffer, offset + length, count);
        length += count;
    }

    @Override
    public void shrink(int count) {
        length = Math.max(0, length - count);
    }
}
