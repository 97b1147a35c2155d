package vn.loa.controller.area;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;

/** The area tree: listing and reading within the caller's scope, creating one area, importing a whole tree. */
public final class AreaService {
    /** Deepest level an area may sit at (a root area is level 1). */
    public static final int MAX_DEPTH = 10;
    /** Most areas one import may hold. */
    public static final int MAX_IMPORT_AREAS = 20_000;

    private final Jdbi jdbi;
    private final AreaRepository areas;
    private final AreaScopes scopes;
    private final AuditLog audit;

    public AreaService(Jdbi jdbi, AreaScopes scopes, AuditLog audit) {
        this.jdbi = jdbi;
        this.areas = new AreaRepository(jdbi);
        this.scopes = scopes;
        this.audit = audit;
    }

    public ListPage<Area> list(Caller caller, Long root, Paging paging) {
        String prefix;
        if (root != null) {
            prefix = visible(caller, root).path();
        } else {
            prefix = scopes.scopePrefix(caller).orElse("");
        }
        return new ListPage<>(areas.listUnder(prefix, paging.limit(), paging.offset()), areas.countUnder(prefix));
    }

    public Area get(Caller caller, long id) {
        return visible(caller, id);
    }

    public Area create(Caller caller, AreaRequests.Create request) {
        caller.require(Role.ADMIN);
        List<String> problems = new ArrayList<>();
        AreaRequests.checkFields("", request.name(), request.kind(), request.code(), problems);
        AreaRequests.throwIfAny(problems);
        Area created = jdbi.inTransaction(h -> {
            Area parent = parentFor(h, caller, request.parentId());
            if (parent != null && parent.depth() >= MAX_DEPTH) {
                throw ApiException.badRequest("area tree too deep", Map.of("maxDepth", MAX_DEPTH));
            }
            if (request.code() != null && areas.findByCode(h, request.code()).isPresent()) {
                throw ApiException.conflict("an area with this code already exists", Map.of("code", request.code()));
            }
            return areas.insert(h, parent, request.code(), request.name(), AreaKind.parse(request.kind()).orElseThrow());
        });
        audit.record(caller.username(), "area.create", "area:" + created.id(), created.name());
        return created;
    }

    /**
     * Imports a nested tree in one transaction. An area already present (same code, or without a code: same
     * parent and name) is reused, so importing the same tree again creates nothing.
     */
    public ImportResult importTree(Caller caller, AreaRequests.ImportNode root) {
        caller.require(Role.ADMIN);
        List<String> problems = new ArrayList<>();
        int count = AreaRequests.checkTree(root, "", 1, new HashSet<>(), problems);
        if (count > MAX_IMPORT_AREAS) {
            throw ApiException.badRequest("too many areas in one import",
                    Map.of("count", count, "maxAreas", MAX_IMPORT_AREAS));
        }
        AreaRequests.throwIfAny(problems);
        ImportResult result = jdbi.inTransaction(h -> {
            Area parent = parentFor(h, caller, root.parentId());
            int levels = levels(root);
            int baseDepth = parent == null ? 0 : parent.depth();
            if (baseDepth + levels > MAX_DEPTH) {
                throw ApiException.badRequest("area tree too deep", Map.of("maxDepth", MAX_DEPTH, "depth", baseDepth + levels));
            }
            return new AreaTreeImport(h, areas).run(parent, root);
        });
        audit.record(caller.username(), "area.import", root.code() == null ? root.name() : "area:" + root.code(),
                result.created() + " created, " + result.existing() + " existing");
        return result;
    }

    private Area visible(Caller caller, long id) {
        scopes.requireCovers(caller, id, "area");
        return areas.find(id).orElseThrow(() -> ApiException.notFound("area"));
    }

    /** The parent a new area goes under; only a caller scoped to the whole installation may add a root area. */
    private Area parentFor(Handle h, Caller caller, Long parentId) {
        if (parentId == null) {
            if (caller.areaId() != null) {
                throw new ApiException(403, "only a user over the whole installation may add a top-level area");
            }
            return null;
        }
        scopes.requireCovers(caller, parentId, "parent area");
        return areas.find(h, parentId).orElseThrow(() -> ApiException.notFound("parent area"));
    }

    private static int levels(AreaRequests.ImportNode node) {
        return 1 + node.childList().stream().mapToInt(AreaService::levels).max().orElse(0);
    }

    /** What an import did. */
    public record ImportResult(int created, int existing) {
    }
}
