package vn.loa.controller.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database as the server opens it. */
class DatabaseTest {
    @TempDir
    Path dir;

    /**
     * With H2's statement cache on, the result writer's update, first prepared while {@code command_results} was
     * nearly empty, kept a plan that reads every result of a command to change one (measured on a quiet machine: 5,000
     * results written in 6.6 s with the cache, 0.08 s without). The server must open H2 with the cache off.
     */
    @Test
    void theServersH2DatabasePlansEveryStatementAfresh() {
        try (Database database = new Database(Database.h2FileUrl(dir), "sa", "", 2)) {
            String size = database.jdbi().withHandle(h -> h.createQuery("SELECT setting_value"
                    + " FROM information_schema.settings WHERE setting_name = 'QUERY_CACHE_SIZE'")
                    .mapTo(String.class).one());
            assertThat(size).isEqualTo("0");
        }
    }

    @Test
    void anH2UrlThatSetsTheCacheItselfAndOtherDatabasesAreLeftAlone() {
        assertThat(Database.withoutStalePlans("jdbc:h2:file:/x;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/x;MODE=PostgreSQL;QUERY_CACHE_SIZE=0");
        assertThat(Database.withoutStalePlans("jdbc:h2:file:/x;query_cache_size=16"))
                .isEqualTo("jdbc:h2:file:/x;query_cache_size=16");
        assertThat(Database.withoutStalePlans("jdbc:postgresql://db/loa")).isEqualTo("jdbc:postgresql://db/loa");
    }
}
