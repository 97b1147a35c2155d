package vn.loa.controller.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import vn.loa.controller.http.ListPage;

/** The {@code users} table. Roles are stored in lower case. */
public final class UserRepository {
    private static final String SELECT = "SELECT u.id, u.username, u.password_hash, u.role, u.area_id, a.name AS area_name,"
            + " u.display_name, u.disabled, u.last_login_at, u.created_at FROM users u LEFT JOIN areas a ON a.id = u.area_id";
    private static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getLong("id"), rs.getString("username"),
            rs.getString("password_hash"), Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
            rs.getObject("area_id", Long.class), rs.getString("area_name"), rs.getString("display_name"),
            rs.getBoolean("disabled"), instant(rs.getObject("last_login_at", OffsetDateTime.class)),
            instant(rs.getObject("created_at", OffsetDateTime.class)));

    private final Jdbi jdbi;

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<User> find(String username) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE u.username = :username")
                .bind("username", username)
                .map(USER)
                .findOne());
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    public long create(String username, String passwordHash, Role role, Long areaId) {
        return create(username, passwordHash, role, areaId, null);
    }

    public long create(String username, String passwordHash, Role role, Long areaId, String displayName) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO users (username, password_hash, role, area_id,"
                        + " display_name, created_at) VALUES (:username, :hash, :role, :areaId, :displayName, :now)")
                .bind("username", username)
                .bind("hash", passwordHash)
                .bind("role", role.name().toLowerCase(Locale.ROOT))
                .bind("areaId", areaId)
                .bind("displayName", displayName)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    public void recordLogin(String username, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET last_login_at = :at WHERE username = :username")
                .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .bind("username", username)
                .execute());
    }

    /**
     * A page of the users whose area lies under {@code scopePrefix} (a materialised path of ids and slashes), by
     * name; an empty prefix means every user.
     */
    public ListPage<User> list(String scopePrefix, int limit, long offset) {
        String where = " WHERE (:prefix = '' OR a.path LIKE :prefixLike)";
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM users u LEFT JOIN areas a ON a.id = u.area_id" + where)
                    .bind("prefix", scopePrefix).bind("prefixLike", scopePrefix + "%")
                    .mapTo(Long.class).one();
            List<User> items = h.createQuery(SELECT + where + " ORDER BY u.username LIMIT :limit OFFSET :offset")
                    .bind("prefix", scopePrefix).bind("prefixLike", scopePrefix + "%")
                    .bind("limit", limit).bind("offset", offset)
                    .map(USER).list();
            return new ListPage<>(items, total);
        });
    }

    /** Writes the user's role, scope, display name and whether it is disabled. */
    public void update(String username, Role role, Long areaId, String displayName, boolean disabled) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET role = :role, area_id = :areaId,"
                        + " display_name = :displayName, disabled = :disabled WHERE username = :username")
                .bind("role", role.name().toLowerCase(Locale.ROOT))
                .bind("areaId", areaId)
                .bind("displayName", displayName)
                .bind("disabled", disabled)
                .bind("username", username)
                .execute());
    }

    public void setPasswordHash(String username, String passwordHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE username = :username")
                .bind("hash", passwordHash)
                .bind("username", username)
                .execute());
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
