package vn.loa.controller.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The connection pool, migrated to the current schema, with Jdbi on top. H2 in file mode by default; a
 * {@code jdbc:postgresql:} URL switches to PostgreSQL with the same migrations.
 */
public final class Database implements AutoCloseable {
    private static final String QUERY_CACHE_SIZE = "QUERY_CACHE_SIZE";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    public Database(String jdbcUrl, String user, String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withoutStalePlans(jdbcUrl));
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

    /**
     * H2 keeps each connection's prepared statements with the plan it chose when it first saw them, and a plan chosen
     * while a table was nearly empty can be the wrong one for ever after: an update of one command result prepared on
     * a fresh database used the foreign-key index on the command alone and read every result of the command to find
     * one, so the results of a 5,000-speaker command took eighty times longer to write. Without that cache H2 plans
     * each statement when it is prepared, against the table as it is then. PostgreSQL URLs are left as they are.
     */
    static String withoutStalePlans(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.toUpperCase(Locale.ROOT).contains(QUERY_CACHE_SIZE)) {
            return jdbcUrl;
        }
        return jdbcUrl + ";" + QUERY_CACHE_SIZE + "=0";
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
