package vn.loa.streamer.media;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stored pre-encoded frames of one media item: the 4 ASCII bytes {@code LOAO}, one version byte (1), one byte of
 * frame duration in milliseconds, then each Opus packet as an unsigned 16-bit big-endian length followed by its
 * bytes, in play order, to the end of the file.
 */
final class OpusFrameFile {

    static final int VERSION = 1;
    /** RFC 6716 caps an Opus packet well below this; anything larger is damage. */
    static final int MAX_PACKET_BYTES = 0xFFFF;

    private static final byte[] MAGIC = "LOAO".getBytes(StandardCharsets.US_ASCII);

    private OpusFrameFile() {
    }

    /** Appends packets to a new frame file. */
    static final class Writer implements AutoCloseable {
        private final DataOutputStream out;

        Writer(Path file, int frameMillis) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(frameMillis);
        }

        void append(byte[] packet) throws IOException {
            if (packet.length > MAX_PACKET_BYTES) {
                throw new IllegalArgumentException("an Opus packet of " + packet.length + " bytes cannot be stored");
            }
            out.writeShort(packet.length);
            out.write(packet);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** The packets of a frame file, in play order. */
    static List<byte[]> read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC) || in.readUnsignedByte() != VERSION) {
                throw new IOException(file + " is not a version " + VERSION + " Opus frame file");
            }
            in.readUnsignedByte();
            List<byte[]> packets = new ArrayList<>();
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException end) {
                    return packets;
                }
                byte[] packet = new byte[length];
                in.readFully(packet);
                packets.add(packet);
            }
        }
    }
}
