package vn.loa.controller.membership;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.DevicePublisher;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.command.DeviceTargets;
import vn.loa.controller.desired.DesiredPublisher;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.protocol.Ids;
import vn.loa.protocol.Topics;
import vn.loa.protocol.message.DesiredState;

/**
 * Adds devices to groups and takes them out. A change is stored, mirrored in the {@link GroupMembershipCache}
 * the broker authorises subscriptions with, and announced to each device through a new desired state (which
 * lists its groups); a removed device also loses its subscription to the group's command topic at once.
 */
public final class MembershipService {
    /** The most devices one group may hold. */
    public static final int MAX_GROUP_SIZE = 10_000;
    /** The most groups one device may belong to: the size of the groups list in its desired state. */
    public static final int MAX_GROUPS_PER_DEVICE = DesiredState.MAX_GROUPS;
    /** The most device ids one request may add. */
    public static final int MAX_DEVICES_PER_REQUEST = 1_000;

    private static final Logger log = LoggerFactory.getLogger(MembershipService.class);

    private final Jdbi jdbi;
    private final GroupMembershipCache cache;
    private final DesiredPublisher desired;
    private final DevicePublisher publisher;
    private final AuditLog audit;
    private final DeviceTargets targets;
    /** Serialises changes so the size limits hold under concurrent requests. */
    private final Object lock = new Object();

    public record Added(int added, int members) {
    }

    private record PlacedMember(Member member, String path) {
    }

    public MembershipService(Jdbi jdbi, GroupMembershipCache cache, DesiredPublisher desired,
                             DevicePublisher publisher, AuditLog audit, AreaScopes scopes) {
        this.jdbi = jdbi;
        this.cache = cache;
        this.desired = desired;
        this.publisher = publisher;
        this.audit = audit;
        this.targets = new DeviceTargets(jdbi, scopes);
    }

    /** The group's members that the caller may see. */
    public ListPage<Member> members(Caller caller, String groupId, Paging page) {
        caller.require(Role.VIEWER);
        long group = targets.requireVisibleGroup(caller, groupId);
        Predicate<String> inScope = targets.scopeOf(caller);
        List<Member> visible = jdbi.withHandle(h -> h.createQuery(
                        "SELECT d.id, d.name, d.status, d.area_id, a.path FROM group_members m"
                        + " JOIN devices d ON d.id = m.device_id LEFT JOIN areas a ON a.id = d.area_id"
                        + " WHERE m.group_id = :group ORDER BY d.id")
                .bind("group", group)
                .map((rs, ctx) -> new PlacedMember(new Member(rs.getString("id"), rs.getString("name"),
                        rs.getString("status"), rs.getObject("area_id", Long.class)), rs.getString("path")))
                .list()).stream()
                .filter(m -> inScope.test(m.path()))
                .map(PlacedMember::member)
                .toList();
        int from = (int) Math.min(page.offset(), visible.size());
        int to = Math.min(visible.size(), from + page.limit());
        return new ListPage<>(List.copyOf(visible.subList(from, to)), visible.size());
    }

    /** Adds devices (all or none); devices already in the group are left as they are. */
    public Added add(Caller caller, String groupId, List<String> deviceIds) {
        caller.require(Role.OPERATOR);
        long group = targets.requireVisibleGroup(caller, groupId);
        Set<String> requested = requireDeviceIds(deviceIds);
        Set<String> visible = targets.visibleDevices(caller, requested);
        List<String> unknown = requested.stream().filter(id -> !visible.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown devices", unknown);
        }
        String groupKey = Long.toString(group);
        List<String> added;
        int members;
        synchronized (lock) {
            added = requested.stream().filter(id -> !cache.groupsOf(id).contains(groupKey)).toList();
            members = countMembers(group) + added.size();
            if (members > MAX_GROUP_SIZE) {
                throw ApiException.conflict("a group holds at most " + MAX_GROUP_SIZE + " devices",
                        Map.of("limit", MAX_GROUP_SIZE, "wouldHave", members));
            }
            List<String> full = added.stream().filter(id -> cache.groupsOf(id).size() >= MAX_GROUPS_PER_DEVICE).toList();
            if (!full.isEmpty()) {
                throw ApiException.conflict("a device belongs to at most " + MAX_GROUPS_PER_DEVICE + " groups",
                        Map.of("limit", MAX_GROUPS_PER_DEVICE, "devices", full));
            }
            insert(group, added);
            cache.add(groupKey, added);
        }
        desired.republish(added);
        if (!added.isEmpty()) {
            audit.record(caller.username(), "group.members.add", "group:" + groupKey,
                    added.size() + " devices: " + String.join(",", added));
        }
        return new Added(added.size(), members);
    }

    public void remove(Caller caller, String groupId, String deviceId) {
        caller.require(Role.OPERATOR);
        long group = targets.requireVisibleGroup(caller, groupId);
        targets.requireVisibleDevice(caller, deviceId);
        String groupKey = Long.toString(group);
        synchronized (lock) {
            int deleted = jdbi.withHandle(h -> h.createUpdate(
                            "DELETE FROM group_members WHERE group_id = :group AND device_id = :device")
                    .bind("group", group)
                    .bind("device", deviceId)
                    .execute());
            if (deleted == 0) {
                throw ApiException.notFound("member");
            }
            cache.remove(groupKey, deviceId);
        }
        desired.republish(deviceId);
        publisher.removeSubscription(deviceId, Topics.groupCommand(groupKey)).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("could not remove {} from the topic of group {}: {}", deviceId, groupKey, error.toString());
            }
        });
        audit.record(caller.username(), "group.members.remove", "group:" + groupKey, deviceId);
    }

    private static Set<String> requireDeviceIds(List<String> deviceIds) {
        if (deviceIds == null || deviceIds.isEmpty()) {
            throw ApiException.badRequest("deviceIds must list at least one device", null);
        }
        if (deviceIds.size() > MAX_DEVICES_PER_REQUEST) {
            throw ApiException.badRequest("at most " + MAX_DEVICES_PER_REQUEST + " devices per request",
                    Map.of("limit", MAX_DEVICES_PER_REQUEST, "given", deviceIds.size()));
        }
        List<String> malformed = deviceIds.stream().filter(id -> !Ids.isDeviceId(id)).toList();
        if (!malformed.isEmpty()) {
            throw ApiException.badRequest("malformed device ids", malformed);
        }
        return new LinkedHashSet<>(deviceIds);
    }

    private int countMembers(long group) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM group_members WHERE group_id = :group")
                .bind("group", group)
                .mapTo(Integer.class)
                .one());
    }

    private void insert(long group, List<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO group_members (group_id, device_id) VALUES (:group, :device)");
            for (String deviceId : deviceIds) {
                batch.bind("group", group).bind("device", deviceId).add();
            }
            batch.execute();
        });
    }
}
