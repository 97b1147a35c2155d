package vn.loa.controller.auth;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The {@code users} table. Roles are stored in lower case. */
public final class UserRepository {
    private final Jdbi jdbi;

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<User> find(String username) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, username, password_hash, role, area_id, disabled FROM users WHERE username = :username")
                .bind("username", username)
                .map((rs, ctx) -> new User(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                        rs.getObject("area_id", Long.class), rs.getBoolean("disabled")))
                .findOne());
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    public long create(String username, String passwordHash, Role role, Long areaId) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO users (username, password_hash, role, area_id, created_at)"
                        + " VALUES (:username, :hash, :role, :areaId, :now)")
                .bind("username", username)
                .bind("hash", passwordHash)
                .bind("role", role.name().toLowerCase(Locale.ROOT))
                .bind("areaId", areaId)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }
}
