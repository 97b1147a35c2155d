package vn.loa.controller.area;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;

/**
 * Whether a caller may see and act on an area: users are scoped to a subtree, and a subtree is every area
 * whose materialised path starts with its root's path. Areas outside the scope are reported as not found,
 * so a commune operator cannot even learn what other communes hold.
 */
public final class AreaScopes {
    private final Jdbi jdbi;

    public AreaScopes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The materialised path of an area, such as {@code /1/7/42/}. */
    public Optional<String> pathOf(long areaId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT path FROM areas WHERE id = :id")
                .bind("id", areaId)
                .mapTo(String.class)
                .findOne());
    }

    /**
     * The path prefix every area in the caller's scope starts with, or empty for a caller scoped to the whole
     * installation (who also sees devices not yet placed in any area).
     */
    public Optional<String> scopePrefix(Caller caller) {
        if (caller.areaId() == null) {
            return Optional.empty();
        }
        return Optional.of(pathOf(caller.areaId()).orElseThrow(
                () -> new ApiException(403, "the user's area no longer exists")));
    }

    public boolean covers(Caller caller, Long areaId) {
        if (caller.areaId() == null) {
            return true;
        }
        if (areaId == null) {
            return false;
        }
        String prefix = scopePrefix(caller).orElseThrow();
        return pathOf(areaId).map(p -> p.startsWith(prefix)).orElse(false);
    }

    /** Throws 404 for an area the caller may not see (or that does not exist). */
    public void requireCovers(Caller caller, Long areaId, String what) {
        if (!covers(caller, areaId)) {
            throw ApiException.notFound(what);
        }
    }
}
