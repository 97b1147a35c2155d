package vn.loa.controller.group;

import java.util.Map;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;

/**
 * Speaker groups, scoped like areas: a group belongs to the area that owns it, and a user sees the groups owned
 * by areas in their subtree (a user over the whole installation also sees installation-wide groups).
 */
public final class GroupService {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    private final GroupRepository groups;
    private final AreaScopes scopes;
    private final ScopedGroups visible;
    private final AuditLog audit;

    public GroupService(GroupRepository groups, AreaScopes scopes, AuditLog audit) {
        this.groups = groups;
        this.scopes = scopes;
        this.visible = new ScopedGroups(groups, scopes);
        this.audit = audit;
    }

    public ListPage<Group> list(Caller caller, Paging paging) {
        String prefix = scopes.scopePrefix(caller).orElse("");
        return new ListPage<>(groups.listInScope(prefix, paging.limit(), paging.offset()), groups.countInScope(prefix));
    }

    /** A group the caller may see; 404 otherwise. */
    public Group get(Caller caller, long id) {
        return visible.require(caller, id);
    }

    /** A new group, owned by {@code areaId} or, when absent, by the caller's own area. */
    public Group create(Caller caller, CreateGroup request) {
        caller.require(Role.OPERATOR);
        String name = request.name();
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("invalid group", "name is required, at most " + MAX_NAME_LENGTH + " characters");
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw ApiException.badRequest("invalid group", "description is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        Long areaId = request.areaId() != null ? request.areaId() : caller.areaId();
        if (areaId != null && (!scopes.covers(caller, areaId) || scopes.pathOf(areaId).isEmpty())) {
            throw ApiException.notFound("area");
        }
        if (groups.nameTaken(name)) {
            throw ApiException.conflict("a group with this name already exists", Map.of("name", name));
        }
        long id = groups.create(name, request.description(), areaId);
        audit.record(caller.username(), "group.create", "group:" + id, name);
        return groups.find(id).orElseThrow();
    }

    /** {@code POST /api/groups}. */
    public record CreateGroup(String name, String description, Long areaId) {
    }
}
