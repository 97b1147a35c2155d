package vn.loa.controller.membership;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import vn.loa.broker.GroupMembership;

/**
 * Every device's groups, in memory for the broker's subscription checks: readers never lock, writers replace a
 * device's immutable set. Loaded from {@code group_members} at start and kept in step by {@link MembershipService}.
 */
public final class GroupMembershipCache implements GroupMembership {
    private final Map<String, Set<String>> groupsByDevice = new ConcurrentHashMap<>();

    public static GroupMembershipCache load(Jdbi jdbi) {
        GroupMembershipCache cache = new GroupMembershipCache();
        jdbi.useHandle(h -> h.createQuery("SELECT group_id, device_id FROM group_members")
                .map((rs, ctx) -> Map.entry(rs.getString("device_id"), Long.toString(rs.getLong("group_id"))))
                .forEach(e -> cache.add(e.getValue(), Set.of(e.getKey()))));
        return cache;
    }

    @Override
    public Set<String> groupsOf(String deviceId) {
        return groupsByDevice.getOrDefault(deviceId, Set.of());
    }

    void add(String groupId, Collection<String> deviceIds) {
        for (String deviceId : deviceIds) {
            groupsByDevice.compute(deviceId, (id, groups) -> {
                Set<String> updated = groups == null ? new HashSet<>() : new HashSet<>(groups);
                updated.add(groupId);
                return Set.copyOf(updated);
            });
        }
    }

    void remove(String groupId, String deviceId) {
        groupsByDevice.computeIfPresent(deviceId, (id, groups) -> {
            Set<String> updated = new HashSet<>(groups);
            updated.remove(groupId);
            return updated.isEmpty() ? null : Set.copyOf(updated);
        });
    }
}
