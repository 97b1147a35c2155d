package vn.loa.controller.area;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code areas} table. Methods taking a {@link Handle} run inside the caller's transaction. */
public final class AreaRepository {
    private static final String COLUMNS = "id, parent_id, code, name, kind, path";
    /** Keeps IN lists well under what any database accepts. */
    static final int MAX_CODES_PER_QUERY = 1000;

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

    /** The areas with these codes (at most {@link #MAX_CODES_PER_QUERY} per query), by code. */
    Map<String, Area> findByCodes(Handle h, Collection<String> codes) {
        Map<String, Area> found = new HashMap<>();
        List<String> all = List.copyOf(codes);
        for (int from = 0; from < all.size(); from += MAX_CODES_PER_QUERY) {
            h.createQuery("SELECT " + COLUMNS + " FROM areas WHERE code IN (<codes>)")
                    .bindList("codes", all.subList(from, Math.min(all.size(), from + MAX_CODES_PER_QUERY)))
                    .map(AreaRepository::map)
                    .forEach(area -> found.put(area.code(), area));
        }
        return found;
    }

    /** The children without a code of an area (parent null: the root areas without a code). */
    List<Area> uncodedChildren(Handle h, Long parentId) {
        Query query = h.createQuery("SELECT " + COLUMNS + " FROM areas WHERE code IS NULL AND "
                + (parentId == null ? "parent_id IS NULL" : "parent_id = :parent"));
        if (parentId != null) {
            query.bind("parent", parentId);
        }
        return query.map(AreaRepository::map).list();
    }

    /** Inserts an area under {@code parent} (null: a root) and sets its materialised path. */
    Area insert(Handle h, Area parent, String code, String name, AreaKind kind) {
        return insertAll(h, List.of(new NewArea(parent, code, name, kind))).get(0);
    }

    /**
     * Inserts areas in two batches (rows, then their paths, which contain the new ids), in the order given: the
     * cost of a large import is a few statements per tree level, not two per area.
     */
    List<Area> insertAll(Handle h, List<NewArea> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        PreparedBatch insert = h.prepareBatch("INSERT INTO areas (parent_id, code, name, kind, path, created_at)"
                + " VALUES (:parent, :code, :name, :kind, '', :now)");
        for (NewArea row : rows) {
            insert.bind("parent", row.parent() == null ? null : row.parent().id())
                    .bind("code", row.code()).bind("name", row.name()).bind("kind", row.kind().wireName())
                    .bind("now", now).add();
        }
        List<Long> ids = insert.executePreparedBatch("id").mapTo(Long.class).list();

        List<Area> created = new ArrayList<>(rows.size());
        PreparedBatch paths = h.prepareBatch("UPDATE areas SET path = :path WHERE id = :id");
        for (int i = 0; i < rows.size(); i++) {
            NewArea row = rows.get(i);
            long id = ids.get(i);
            String path = (row.parent() == null ? "/" : row.parent().path()) + id + "/";
            paths.bind("path", path).bind("id", id).add();
            created.add(new Area(id, row.parent() == null ? null : row.parent().id(), row.code(), row.name(),
                    row.kind().wireName(), path, Area.depthOf(path)));
        }
        paths.execute();
        return created;
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

    /** An area to insert under {@code parent} (null: a root). */
    record NewArea(Area parent, String code, String name, AreaKind kind) {
    }

    private static Area map(ResultSet rs, StatementContext ctx) throws SQLException {
        String path = rs.getString("path");
        return new Area(rs.getLong("id"), rs.getObject("parent_id", Long.class), rs.getString("code"),
                rs.getString("name"), rs.getString("kind"), path, Area.depthOf(path));
    }
}
