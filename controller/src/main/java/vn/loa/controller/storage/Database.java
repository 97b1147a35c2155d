package vn.loa.controller.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The connection pool, migrated to the current schema, with Jdbi on top. H2 in file mode by default; a
 * {@code jdbc:postgresql:} URL switches to PostgreSQL with the same migrations.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    public Database(String jdbcUrl, String user, String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("loa-db");
        this.dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.jdbi = Jdbi.create(dataSource);
    }

    /** The embedded default: an H2 file database in {@code dataDir}, PostgreSQL-compatible mode. */
    public static String h2FileUrl(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("loa").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE";
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
