package vn.loa.controller.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;

/** The {@code media} table. */
final class MediaRepository {
    private static final String SELECT = "SELECT id, sha256, title, artist, original_file_name, format, duration_ms,"
            + " source_loudness_lufs, gain_db, frame_ms, size_bytes, uploaded_by, uploaded_at FROM media";

    private final Jdbi jdbi;

    MediaRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<MediaItem> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map(MediaRepository::map).findOne());
    }

    Optional<MediaItem> findBySha256(String sha256) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE sha256 = :sha").bind("sha", sha256)
                .map(MediaRepository::map).findOne());
    }

    /** Newest first. */
    ListPage<MediaItem> list(Paging page) {
        return jdbi.withHandle(h -> {
            List<MediaItem> items = h.createQuery(SELECT + " ORDER BY uploaded_at DESC, id DESC LIMIT :limit OFFSET :offset")
                    .bind("limit", page.limit()).bind("offset", page.offset())
                    .map(MediaRepository::map).list();
            long total = h.createQuery("SELECT COUNT(*) FROM media").mapTo(Long.class).one();
            return new ListPage<>(items, total);
        });
    }

    /** Inserts the item (its id is ignored) and returns it with the id the database gave it. */
    MediaItem insert(MediaItem item) {
        long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO media (sha256, title, artist, original_file_name,"
                        + " format, duration_ms, source_loudness_lufs, gain_db, frame_ms, size_bytes, uploaded_by,"
                        + " uploaded_at) VALUES (:sha256, :title, :artist, :originalFileName, :format, :durationMs,"
                        + " :sourceLoudnessLufs, :gainDb, :frameMs, :sizeBytes, :uploadedBy, :at)")
                .bindMethods(item)
                .bind("at", OffsetDateTime.ofInstant(item.uploadedAt(), ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new MediaItem(id, item.sha256(), item.title(), item.artist(), item.originalFileName(), item.format(),
                item.durationMs(), item.sourceLoudnessLufs(), item.gainDb(), item.frameMs(), item.sizeBytes(),
                item.uploadedBy(), item.uploadedAt());
    }

    boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media WHERE id = :id").bind("id", id).execute()) > 0;
    }

    private static MediaItem map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new MediaItem(rs.getLong("id"), rs.getString("sha256"), rs.getString("title"), rs.getString("artist"),
                rs.getString("original_file_name"), rs.getString("format"), rs.getLong("duration_ms"),
                rs.getDouble("source_loudness_lufs"), rs.getDouble("gain_db"), rs.getInt("frame_ms"),
                rs.getLong("size_bytes"), rs.getString("uploaded_by"),
                rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());
    }
}
