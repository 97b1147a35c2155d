package vn.loa.controller.area;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code areas} table. Methods taking a {@link Handle} run inside the caller's transaction. */
public final class AreaRepository {
    private static final String COLUMNS = "id, parent_id, code, name, kind, path";

    private final Jdbi jdbi;

    public AreaRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Area> find(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    Optional<Area> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM areas WHERE id = :id")
                .bind("id", id).map(AreaRepository::map).findOne();
    }

    Optional<Area> findByCode(Handle h, String code) {
        return h.createQuery("SELECT " + COLUMNS + " FROM areas WHERE code = :code")
                .bind("code", code).map(AreaRepository::map).findOne();
    }

    /** An area without a code, recognised by its parent and name (parent null: a root area). */
    Optional<Area> findUncoded(Handle h, Long parentId, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM areas"
                        + " WHERE code IS NULL AND name = :name AND COALESCE(parent_id, -1) = :parent")
                .bind("name", name).bind("parent", parentId == null ? -1L : parentId)
                .map(AreaRepository::map).findOne();
    }

    /** Inserts an area under {@code parent} (null: a root) and sets its materialised path. */
    Area insert(Handle h, Area parent, String code, String name, AreaKind kind) {
        long id = h.createUpdate("INSERT INTO areas (parent_id, code, name, kind, path, created_at)"
                        + " VALUES (:parent, :code, :name, :kind, '', :now)")
                .bind("parent", parent == null ? null : parent.id())
                .bind("code", code)
                .bind("name", name)
                .bind("kind", kind.wireName())
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        String path = (parent == null ? "/" : parent.path()) + id + "/";
        h.createUpdate("UPDATE areas SET path = :path WHERE id = :id").bind("path", path).bind("id", id).execute();
        return new Area(id, parent == null ? null : parent.id(), code, name, kind.wireName(), path, Area.depthOf(path));
    }

    /** Areas whose path starts with {@code prefix} (every area for an empty prefix), in tree order. */
    public List<Area> listUnder(String prefix, int limit, long offset) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM areas WHERE path LIKE :prefix"
                        + " ORDER BY path LIMIT :limit OFFSET :offset")
                .bind("prefix", prefix + "%").bind("limit", limit).bind("offset", offset)
                .map(AreaRepository::map).list());
    }

    public long countUnder(String prefix) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM areas WHERE path LIKE :prefix")
                .bind("prefix", prefix + "%").mapTo(Long.class).one());
    }

    private static Area map(ResultSet rs, StatementContext ctx) throws SQLException {
        String path = rs.getString("path");
        return new Area(rs.getLong("id"), rs.getObject("parent_id", Long.class), rs.getString("code"),
                rs.getString("name"), rs.getString("kind"), path, Area.depthOf(path));
    }
}
