package vn.loa.controller.desired;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.DevicePublisher;
import vn.loa.broker.GroupMembership;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.device.DeviceStatus;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.message.DesiredState;
import vn.loa.protocol.message.WireMessage;

/**
 * Stores a device's desired state with a new version and publishes it retained on its {@code desired} topic, so
 * a device that was offline converges when it reconnects. Many devices are updated in one batch in one
 * transaction. Changes are serialised, so each device's versions are published in order.
 */
public final class DesiredPublisher {
    /** Longest id list bound into one read-back query. */
    private static final int READ_CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(DesiredPublisher.class);

    private final Jdbi jdbi;
    private final DevicePublisher publisher;
    private final GroupMembership groups;
    private final Clock clock;
    private final Object lock = new Object();

    public DesiredPublisher(Jdbi jdbi, DevicePublisher publisher, GroupMembership groups, Clock clock) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.groups = groups;
        this.clock = clock;
    }

    private record Desired(String deviceId, long version, Integer volume, Boolean muted) {
    }

    private static final RowMapper<Desired> DESIRED = (rs, ctx) -> new Desired(rs.getString("id"),
            rs.getLong("desired_version"), rs.getObject("desired_volume", Integer.class),
            rs.getObject("desired_muted", Boolean.class));

    /** Applies the change to these devices and publishes their new desired state; returns how many changed. */
    public int apply(Collection<String> deviceIds, DesiredChange change) {
        if (deviceIds.isEmpty()) {
            return 0;
        }
        List<String> ids = List.copyOf(deviceIds);
        synchronized (lock) {
            List<Desired> stored = store(ids, change);
            // Publishing only hands messages to the broker; doing it under the lock keeps versions in order.
            for (Desired desired : stored) {
                publish(desired);
            }
            return stored.size();
        }
    }

    /** Publishes the device's state again under a new version, for instance after its groups changed. */
    public void republish(String deviceId) {
        apply(List.of(deviceId), DesiredChange.NONE);
    }

    public void republish(Collection<String> deviceIds) {
        apply(deviceIds, DesiredChange.NONE);
    }

    /**
     * Publishes every active device's stored desired state again, unchanged (same version), so the broker holds it
     * retained even if it lost its retained messages in a restart; a device that already applied it ignores it.
     *
     * @return how many devices' desired states were published
     */
    public int restoreRetained() {
        synchronized (lock) {
            List<Desired> stored = jdbi.withHandle(h -> h.createQuery("SELECT id, desired_version, desired_volume,"
                            + " desired_muted FROM devices WHERE status = :active AND desired_version > 0")
                    .bind("active", DeviceStatus.active.name())
                    .map(DESIRED)
                    .list());
            stored.forEach(this::publish);
            log.info("republished the retained desired state of {} speakers", stored.size());
            return stored.size();
        }
    }

    private List<Desired> store(List<String> ids, DesiredChange change) {
        StringBuilder set = new StringBuilder("UPDATE devices SET desired_version = desired_version + 1, updated_at = :now");
        if (change.volume() != null) {
            set.append(", desired_volume = :volume");
        }
        if (change.muted() != null) {
            set.append(", desired_muted = :muted");
        }
        String update = set.append(" WHERE id = :id").toString();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return jdbi.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(update);
            for (String id : ids) {
                batch.bind("now", now).bind("id", id);
                if (change.volume() != null) {
                    batch.bind("volume", change.volume());
                }
                if (change.muted() != null) {
                    batch.bind("muted", change.muted());
                }
                batch.add();
            }
            batch.execute();
            List<Desired> stored = new ArrayList<>(ids.size());
            for (int from = 0; from < ids.size(); from += READ_CHUNK) {
                stored.addAll(h.createQuery("SELECT id, desired_version, desired_volume, desired_muted FROM devices"
                                + " WHERE id IN (<ids>)")
                        .bindList("ids", ids.subList(from, Math.min(ids.size(), from + READ_CHUNK)))
                        .map(DESIRED)
                        .list());
            }
            return stored;
        });
    }

    private void publish(Desired desired) {
        List<String> groupIds = groups.groupsOf(desired.deviceId()).stream()
                .sorted(Comparator.comparingLong(Long::parseLong))
                .toList();
        DesiredState state = new DesiredState(WireMessage.VERSION, desired.version(), desired.volume(), desired.muted(),
                groupIds);
        publisher.publish(OutboundMessage.retained(Topics.device(desired.deviceId(), DeviceTopic.DESIRED),
                        MessageCodec.encode(state)))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.warn("desired state {} of {} not published: {}", desired.version(), desired.deviceId(),
                                error.toString());
                    }
                });
    }
}
