package vn.loa.controller.group;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code speaker_groups} table, with member counts. */
public final class GroupRepository {
    private static final String SELECT = "SELECT g.id, g.name, g.description, g.area_id,"
            + " (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS members"
            + " FROM speaker_groups g LEFT JOIN areas a ON a.id = g.area_id";
    /** Groups in a scope: owned by an area under the prefix; an empty prefix means every group. */
    private static final String IN_SCOPE = " WHERE (:prefix = '' OR a.path LIKE :prefixLike)";

    private final Jdbi jdbi;

    public GroupRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Group> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE g.id = :id").bind("id", id)
                .map(GroupRepository::map).findOne());
    }

    public boolean nameTaken(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM speaker_groups WHERE name = :name")
                .bind("name", name).mapTo(Long.class).one()) > 0;
    }

    public List<Group> listInScope(String prefix, int limit, long offset) {
        return jdbi.withHandle(h -> bindScope(h.createQuery(SELECT + IN_SCOPE + " ORDER BY g.name LIMIT :limit OFFSET :offset"), prefix)
                .bind("limit", limit).bind("offset", offset)
                .map(GroupRepository::map).list());
    }

    public long countInScope(String prefix) {
        return jdbi.withHandle(h -> bindScope(h.createQuery(
                        "SELECT COUNT(*) FROM speaker_groups g LEFT JOIN areas a ON a.id = g.area_id" + IN_SCOPE), prefix)
                .mapTo(Long.class).one());
    }

    public long create(String name, String description, Long areaId) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO speaker_groups (name, description, area_id, created_at)"
                        + " VALUES (:name, :description, :areaId, :now)")
                .bind("name", name).bind("description", description).bind("areaId", areaId)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private static Query bindScope(Query query, String prefix) {
        return query.bind("prefix", prefix).bind("prefixLike", prefix + "%");
    }

    private static Group map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Group(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getObject("area_id", Long.class), rs.getLong("members"));
    }
}
