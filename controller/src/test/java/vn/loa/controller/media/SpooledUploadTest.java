package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.http.ApiException;

class SpooledUploadTest {
    private static final int LIMIT = 100_000;

    @TempDir
    Path dir;

    @Test
    void copiesCountsAndHashesAndDeletesOnClose() throws Exception {
        byte[] content = new byte[LIMIT];
        content[17] = 42;
        Path file;
        try (SpooledUpload upload = SpooledUpload.copy(new ByteArrayInputStream(content), dir, LIMIT)) {
            file = upload.file();
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
            assertThat(upload.size()).isEqualTo(LIMIT);
            assertThat(upload.sha256())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aBodyPastTheLimitStopsThereWithA413AndLeavesNoFile() throws IOException {
        assertThatThrownBy(() -> SpooledUpload.copy(new ByteArrayInputStream(new byte[LIMIT + 1]), dir, LIMIT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
