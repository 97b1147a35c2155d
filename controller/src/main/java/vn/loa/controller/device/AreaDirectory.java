package vn.loa.controller.device;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Finds areas by the codes installers write on their lists and devices send as hints. */
public final class AreaDirectory {
    private final Jdbi jdbi;

    public AreaDirectory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Long> idOfCode(String code) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM areas WHERE code = :code")
                .bind("code", code).mapTo(Long.class).findOne());
    }

    /** Code to id of every area with a code in {@code codes}. */
    public Map<String, Long> idsByCode(Collection<String> codes) {
        Map<String, Long> found = new HashMap<>();
        if (codes.isEmpty()) {
            return found;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT id, code FROM areas WHERE code IN (<codes>)")
                .bindList("codes", codes)
                .map((rs, ctx) -> Map.entry(rs.getString("code"), rs.getLong("id")))
                .forEach(e -> found.put(e.getKey(), e.getValue())));
        return found;
    }
}
