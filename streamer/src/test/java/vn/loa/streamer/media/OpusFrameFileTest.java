package vn.loa.streamer.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpusFrameFileTest {

    @TempDir
    Path temp;

    @Test
    void packetsComeBackInOrderWithTheirExactBytes() throws IOException {
        Path file = temp.resolve("frames.loao");
        byte[] largest = new byte[OpusFrameFile.MAX_PACKET_BYTES];
        largest[largest.length - 1] = 7;
        try (OpusFrameFile.Writer writer = new OpusFrameFile.Writer(file, 60)) {
            writer.append(new byte[] {1, 2, 3});
            writer.append(new byte[0]);
            writer.append(largest);
        }

        List<byte[]> packets = OpusFrameFile.read(file);

        assertThat(packets).hasSize(3);
        assertThat(packets.get(0)).containsExactly(1, 2, 3);
        assertThat(packets.get(1)).isEmpty();
        assertThat(packets.get(2)).isEqualTo(largest);
    }

    @Test
    void aPacketOverTheLimitIsRefused() throws IOException {
        try (OpusFrameFile.Writer writer = new OpusFrameFile.Writer(temp.resolve("f"), 60)) {
            assertThatThrownBy(() -> writer.append(new byte[OpusFrameFile.MAX_PACKET_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536 bytes");
        }
    }

    @Test
    void aForeignFileAndACutOffPacketAreErrors() throws IOException {
        Path foreign = Files.writeString(temp.resolve("foreign"), "OggS and more");
        assertThatThrownBy(() -> OpusFrameFile.read(foreign)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a version 1 Opus frame file");

        Path cut = temp.resolve("cut");
        try (OpusFrameFile.Writer writer = new OpusFrameFile.Writer(cut, 20)) {
            writer.append(new byte[100]);
        }
        try (RandomAccessFile raf = new RandomAccessFile(cut.toFile(), "rw")) {
            raf.setLength(raf.length() - 1);
        }
        assertThatThrownBy(() -> OpusFrameFile.read(cut)).isInstanceOf(EOFException.class);
    }
}
