package vn.loa.sim.audio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes 16-bit mono PCM as a WAV file while it plays: into {@code <name>.part}, renamed to the final name on
 * {@link #close()} with the sizes filled in, so a reader never sees a half-written file under the final name.
 */
final class WavWriter implements Closeable {
    static final int HEADER_BYTES = 44;
    /** The RIFF size fields are 32-bit: beyond this (about 12 h at 48 kHz) the rest is not written. */
    static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - HEADER_BYTES;

    private final Path target;
    private final Path part;
    private final FileChannel channel;
    private final int sampleRate;
    private final ByteBuffer buffer;
    private long dataBytes;

    WavWriter(Path target, int sampleRate, int maxSamplesPerWrite) throws IOException {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.sampleRate = sampleRate;
        this.buffer = ByteBuffer.allocate(Math.max(HEADER_BYTES, 2 * maxSamplesPerWrite))
                .order(ByteOrder.LITTLE_ENDIAN);
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        writeHeader(0);
    }

    void write(short[] pcm, int samples) throws IOException {
        int bytes = (int) Math.min(2L * samples, MAX_DATA_BYTES - dataBytes);
        buffer.clear();
        for (int i = 0; i < bytes / 2; i++) {
            buffer.putShort(pcm[i]);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer, HEADER_BYTES + dataBytes + buffer.position());
        }
        dataBytes += bytes;
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            writeHeader(dataBytes);
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeHeader(long data) throws IOException {
        buffer.clear();
        buffer.put("RIFF".getBytes(US_ASCII)).putInt((int) (36 + data))
                .put("WAVE".getBytes(US_ASCII))
                .put("fmt ".getBytes(US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(US_ASCII)).putInt((int) data);
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
    }
}
