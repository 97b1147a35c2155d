package vn.loa.controller.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;

/**
 * The {@code media} table. Queries that take a scope prefix (an area's materialised path, null for the whole
 * installation) return only the items a user of that scope sees: those of no area, of an area above the scope
 * (province content reaches its communes) and of an area inside it.
 */
final class MediaRepository {
    private static final String COLUMNS = "m.id, m.sha256, m.title, m.artist, m.original_file_name, m.format,"
            + " m.duration_ms, m.source_loudness_lufs, m.gain_db, m.frame_ms, m.size_bytes, m.uploaded_by,"
            + " m.uploaded_at, m.approval, m.approved_by, m.approved_at, m.review_note, m.kind, m.text, m.voice,"
            + " m.area_id";
    private static final String FROM = " FROM media m LEFT JOIN areas a ON a.id = m.area_id WHERE 1 = 1";
    private static final String VISIBLE = " AND (m.area_id IS NULL OR a.path LIKE :scopeLike"
            + " OR :scope LIKE a.path || '%')";
    private static final String MATCHES = " AND (LOWER(m.title) LIKE :q ESCAPE '!'"
            + " OR LOWER(m.original_file_name) LIKE :q ESCAPE '!' OR LOWER(m.text) LIKE :q ESCAPE '!')";

    private final Jdbi jdbi;

    /** What a list shows: items in review state {@code approval} (null: any) whose texts hold {@code search}. */
    record Filter(String scopePrefix, Approval approval, String search) {
    }

    MediaRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<MediaItem> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM + " AND m.id = :id").bind("id", id)
                .map(MediaRepository::map).findOne());
    }

    /** The item, if a user of the scope sees it. */
    Optional<MediaItem> findVisible(long id, String scopePrefix) {
        return visibleAmong(List.of(id), scopePrefix).stream().findFirst();
    }

    /** Those of the ids that exist and that a user of the scope sees, in no particular order. */
    List<MediaItem> visibleAmong(Collection<Long> ids, String scopePrefix) {
        Map<String, Object> params = new HashMap<>();
        String sql = "SELECT " + COLUMNS + FROM + scoped(scopePrefix, params) + " AND m.id IN (<ids>)";
        return jdbi.withHandle(h -> h.createQuery(sql).bindMap(params).bindList("ids", List.copyOf(ids))
                .map(MediaRepository::map).list());
    }

    Optional<MediaItem> findBySha256(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM + " AND m.sha256 = :sha")
                .bind("sha", sha256).map(MediaRepository::map).findOne());
    }

    /** Newest first. */
    ListPage<MediaItem> list(Filter filter, Paging page) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(FROM).append(scoped(filter.scopePrefix(), params));
        if (filter.approval() != null) {
            where.append(" AND m.approval = :approval");
            params.put("approval", filter.approval().name());
        }
        if (filter.search() != null) {
            where.append(MATCHES);
            params.put("q", "%" + likeEscaped(filter.search().toLowerCase(Locale.ROOT)) + "%");
        }
        return jdbi.withHandle(h -> {
            List<MediaItem> items = h.createQuery("SELECT " + COLUMNS + where
                            + " ORDER BY m.uploaded_at DESC, m.id DESC LIMIT :limit OFFSET :offset")
                    .bindMap(params).bind("limit", page.limit()).bind("offset", page.offset())
                    .map(MediaRepository::map).list();
            long total = h.createQuery("SELECT COUNT(*)" + where).bindMap(params).mapTo(Long.class).one();
            return new ListPage<>(items, total);
        });
    }

    /** Inserts the item (its id is ignored) and returns it with the id the database gave it. */
    MediaItem insert(MediaItem item) {
        long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO media (sha256, title, artist, original_file_name,"
                        + " format, duration_ms, source_loudness_lufs, gain_db, frame_ms, size_bytes, uploaded_by,"
                        + " uploaded_at, approval, approved_by, approved_at, review_note, kind, text, voice, area_id)"
                        + " VALUES (:sha256, :title, :artist, :originalFileName, :format, :durationMs,"
                        + " :sourceLoudnessLufs, :gainDb, :frameMs, :sizeBytes, :uploadedBy, :at, :approvalName,"
                        + " :approvedBy, :reviewedAt, :reviewNote, :kindName, :text, :voice, :areaId)")
                .bindMethods(item)
                .bind("at", utc(item.uploadedAt()))
                .bind("approvalName", item.approval().name())
                .bind("reviewedAt", utc(item.approvedAt()))
                .bind("kindName", item.kind().name())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return item.withId(id);
    }

    /**
     * Records a review, if the item is still in the state the reviewer saw ({@code from}); false when another review
     * came first.
     */
    boolean review(long id, Approval from, Approval to, String by, Instant at, String note) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE media SET approval = :to, approved_by = :by,"
                        + " approved_at = :at, review_note = :note WHERE id = :id AND approval = :from")
                .bind("id", id).bind("from", from.name()).bind("to", to.name()).bind("by", by)
                .bind("at", utc(at)).bind("note", note).execute()) > 0;
    }

    boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media WHERE id = :id").bind("id", id).execute()) > 0;
    }

    private static String scoped(String scopePrefix, Map<String, Object> params) {
        if (scopePrefix == null) {
            return "";
        }
        params.put("scope", scopePrefix);
        params.put("scopeLike", scopePrefix + "%");
        return VISIBLE;
    }

    /** The text with LIKE's wildcards (and the escape character, '!') taken literally. */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static MediaItem map(ResultSet rs, StatementContext ctx) throws SQLException {
        OffsetDateTime approvedAt = rs.getObject("approved_at", OffsetDateTime.class);
        Long areaId = rs.getObject("area_id", Long.class);
        return new MediaItem(rs.getLong("id"), rs.getString("sha256"), rs.getString("title"), rs.getString("artist"),
                rs.getString("original_file_name"), rs.getString("format"), rs.getLong("duration_ms"),
                rs.getDouble("source_loudness_lufs"), rs.getDouble("gain_db"), rs.getInt("frame_ms"),
                rs.getLong("size_bytes"), rs.getString("uploaded_by"),
                rs.getObject("uploaded_at", OffsetDateTime.class).toInstant(),
                Approval.valueOf(rs.getString("approval")), rs.getString("approved_by"),
                approvedAt == null ? null : approvedAt.toInstant(), rs.getString("review_note"),
                MediaKind.valueOf(rs.getString("kind")), rs.getString("text"), rs.getString("voice"),
                areaId);
    }
}
