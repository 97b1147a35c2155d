package vn.loa.controller.group;

import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;

/** Finds a group the caller may see: one owned by an area outside the caller's subtree is as unknown as a missing one. */
public final class ScopedGroups {
    private final GroupRepository groups;
    private final AreaScopes scopes;

    public ScopedGroups(GroupRepository groups, AreaScopes scopes) {
        this.groups = groups;
        this.scopes = scopes;
    }

    public Group require(Caller caller, long groupId) {
        return groups.find(groupId)
                .filter(g -> scopes.covers(caller, g.areaId()))
                .orElseThrow(() -> ApiException.notFound("group"));
    }
}
