package vn.loa.broker;

import java.util.Set;

/**
 * The groups a device belongs to now, for subscription authorisation. Called on broker threads, so it must
 * answer from memory without blocking.
 */
@FunctionalInterface
public interface GroupMembership {
    Set<String> groupsOf(String deviceId);
}
