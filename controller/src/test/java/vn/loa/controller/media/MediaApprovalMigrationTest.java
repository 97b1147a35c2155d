package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.storage.Database;

/** V7 on a library that predates review: its uploads and spoken bulletins become approved, as they were on air. */
class MediaApprovalMigrationTest {
    private static final String USER = "sa";

    @TempDir
    Path dir;

    @Test
    void itemsStoredBeforeTheWorkflowAreApprovedAndSpokenOnesKeepTheirVoice() {
        String url = Database.h2FileUrl(dir);
        Flyway.configure().dataSource(url, USER, "").locations("classpath:db/migration").target("6").load().migrate();
        Jdbi old = Jdbi.create(url, USER, "");
        long upload = insertMedia(old, "a".repeat(64), "Bản tin cũ");
        long spoken = insertMedia(old, "b".repeat(64), "Thông báo cũ");
        old.useHandle(h -> h.execute("INSERT INTO tts_cache (text_sha256, voice, synthesiser, media_id, created_at)"
                + " VALUES (?, 'vi', 'espeak-ng 1.51', ?, ?)", "c".repeat(64), spoken, OffsetDateTime.now(ZoneOffset.UTC)));

        try (Database database = new Database(url, USER, "", 2)) {
            MediaRepository media = new MediaRepository(database.jdbi());
            MediaItem uploaded = media.find(upload).orElseThrow();
            assertThat(uploaded.approval()).isEqualTo(Approval.approved);
            assertThat(uploaded.kind()).isEqualTo(MediaKind.upload);
            assertThat(uploaded.approvedBy()).as("nobody reviewed it").isNull();
            assertThat(uploaded.reviewNote()).contains("before the content workflow");
            assertThat(uploaded.areaId()).as("the whole installation's, as before").isNull();
            MediaItem bulletin = media.find(spoken).orElseThrow();
            assertThat(bulletin.approval()).isEqualTo(Approval.approved);
            assertThat(bulletin.kind()).isEqualTo(MediaKind.tts);
            assertThat(bulletin.voice()).isEqualTo("vi");
            assertThat(bulletin.text()).as("never kept before V7").isNull();
        }
    }

    private static long insertMedia(Jdbi jdbi, String sha256, String title) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO media (sha256, title, original_file_name, format,"
                        + " duration_ms, source_loudness_lufs, gain_db, frame_ms, size_bytes, uploaded_by, uploaded_at)"
                        + " VALUES (:sha, :title, 'tin.wav', 'wav', 1000, -20, 4, 60, 1000, 'admin', :at)")
                .bind("sha", sha256).bind("title", title).bind("at", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }
}
