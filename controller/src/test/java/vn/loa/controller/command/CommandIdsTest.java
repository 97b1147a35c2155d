package vn.loa.controller.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.Ids;

class CommandIdsTest {

    @Test
    void idsAreValidUniqueAndSortByCreationTime() {
        CommandIds ids = new CommandIds();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            issued.add(ids.next(start.plusMillis(i * 997L)));
        }

        assertThat(issued).allMatch(Ids::isCommandId);
        assertThat(new HashSet<>(issued)).hasSize(issued.size());
        assertThat(issued).isSorted();
        assertThat(ids.next(start)).isNotEqualTo(ids.next(start));
    }
}
