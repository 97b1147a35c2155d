package vn.loa.controller.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import vn.loa.controller.http.ListPage;

/** The device registry over the {@code devices} table. */
public final class DeviceRepository {
    private static final String COLUMNS = "d.id, d.serial, d.status, d.area_id, d.area_hint, d.name, d.model,"
            + " d.firmware, d.latitude, d.longitude, d.imei, d.iccid, d.credentials_issued_at, d.desired_version,"
            + " d.desired_volume, d.desired_muted, d.created_at, d.updated_at,"
            + " (SELECT st.last_seen FROM device_state st WHERE st.device_id = d.id) AS last_seen";
    private static final String DETAIL_ASSIGNMENTS = "name = :name, model = :model, latitude = :latitude,"
            + " longitude = :longitude, imei = :imei, iccid = :iccid";

    /** Serials looked up per query, to keep IN lists short. */
    private static final int LOOKUP_CHUNK = 1000;

    private final Jdbi jdbi;

    public DeviceRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A device's stored secret hashes, for the MQTT authenticator. */
    public record Secrets(DeviceStatus status, String secretHash, String pendingSecretHash) {
    }

    public Optional<Device> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM devices d WHERE d.id = :id")
                .bind("id", id).map(DeviceRepository::device).findOne());
    }

    public Optional<Device> findBySerial(String serial) {
        return jdbi.withHandle(h -> findBySerial(h, serial));
    }

    static Optional<Device> findBySerial(Handle h, String serial) {
        return h.createQuery("SELECT " + COLUMNS + " FROM devices d WHERE d.serial = :serial")
                .bind("serial", serial).map(DeviceRepository::device).findOne();
    }

    /** The devices with these serials, by serial; unknown serials are absent. */
    public Map<String, Device> findBySerials(Collection<String> serials) {
        Map<String, Device> found = new HashMap<>();
        List<String> all = List.copyOf(serials);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            jdbi.useHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM devices d WHERE d.serial IN (<serials>)")
                    .bindList("serials", chunk).map(DeviceRepository::device).forEach(d -> found.put(d.serial(), d)));
        }
        return found;
    }

    public ListPage<Device> list(DeviceQuery q) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" FROM devices d LEFT JOIN areas a ON a.id = d.area_id"
                + " LEFT JOIN device_state s ON s.device_id = d.id WHERE 1 = 1");
        if (q.scopePrefix() != null) {
            where.append(" AND a.path LIKE :scope");
            params.put("scope", q.scopePrefix() + "%");
        }
        if (q.areaPrefix() != null) {
            where.append(" AND a.path LIKE :area");
            params.put("area", q.areaPrefix() + "%");
        }
        if (q.status() != null) {
            where.append(" AND d.status = :status");
            params.put("status", q.status().name());
        }
        if (q.groupId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM group_members gm WHERE gm.device_id = d.id"
                    + " AND gm.group_id = :groupId)");
            params.put("groupId", q.groupId());
        }
        if (q.online() != null) {
            where.append(" AND COALESCE(s.online, FALSE) = :online");
            params.put("online", q.online());
        }
        if (q.search() != null) {
            where.append(" AND (LOWER(d.serial) LIKE :q ESCAPE '!' OR LOWER(d.name) LIKE :q ESCAPE '!'"
                    + " OR d.imei LIKE :q ESCAPE '!' OR d.id LIKE :q ESCAPE '!')");
            params.put("q", "%" + likeEscaped(q.search().toLowerCase(Locale.ROOT)) + "%");
        }
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*)" + where).bindMap(params).mapTo(Long.class).one();
            List<Device> items = h.createQuery("SELECT " + COLUMNS + where
                            + " ORDER BY d.serial LIMIT :limit OFFSET :offset")
                    .bindMap(params).bind("limit", q.limit()).bind("offset", q.offset())
                    .map(DeviceRepository::device).list();
            return new ListPage<>(items, total);
        });
    }

    public void insert(String id, String serial, DeviceStatus status, Long areaId, String areaHint,
                       DeviceDetails details, String firmware, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO devices (id, serial, status, area_id, area_hint, firmware,"
                        + " name, model, latitude, longitude, imei, iccid, created_at, updated_at) VALUES (:id, :serial,"
                        + " :status, :areaId, :areaHint, :firmware, :name, :model, :latitude, :longitude, :imei, :iccid,"
                        + " :now, :now)")
                .bind("id", id).bind("serial", serial).bind("status", status.name()).bind("areaId", areaId)
                .bind("areaHint", areaHint).bind("firmware", firmware).bindMap(detailParams(details))
                .bind("now", utc(now)).execute());
    }

    /** Sets the details and, when not null, the area. */
    public void update(String id, Long areaId, DeviceDetails details, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE devices SET " + DETAIL_ASSIGNMENTS
                        + ", area_id = COALESCE(:areaId, area_id), updated_at = :now WHERE id = :id")
                .bind("id", id).bind("areaId", areaId).bindMap(detailParams(details)).bind("now", utc(now))
                .execute());
    }

    /** An import: new devices and updates of existing ones by serial, all in one transaction. */
    public void importAll(List<ImportedDevice> created, List<ImportedDevice> updated, Instant now) {
        jdbi.useTransaction(h -> {
            PreparedBatch inserts = h.prepareBatch("INSERT INTO devices (id, serial, status, area_id, name, model,"
                    + " latitude, longitude, imei, iccid, created_at, updated_at) VALUES (:id, :serial, :status,"
                    + " :areaId, :name, :model, :latitude, :longitude, :imei, :iccid, :now, :now)");
            for (ImportedDevice d : created) {
                inserts.bind("id", DeviceIds.next()).bind("serial", d.serial())
                        .bind("status", DeviceStatus.registered.name()).bind("areaId", d.areaId())
                        .bindMap(detailParams(d.details())).bind("now", utc(now)).add();
            }
            if (!created.isEmpty()) {
                inserts.execute();
            }
            PreparedBatch updates = h.prepareBatch("UPDATE devices SET " + DETAIL_ASSIGNMENTS
                    + ", area_id = :areaId, updated_at = :now WHERE serial = :serial");
            for (ImportedDevice d : updated) {
                updates.bind("serial", d.serial()).bind("areaId", d.areaId()).bindMap(detailParams(d.details()))
                        .bind("now", utc(now)).add();
            }
            if (!updated.isEmpty()) {
                updates.execute();
            }
        });
    }

    /** Changes the status only if it is still {@code from}; false when someone else changed it first. */
    public boolean transition(String id, DeviceStatus from, DeviceStatus to, Long areaId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE devices SET status = :to,"
                        + " area_id = COALESCE(:areaId, area_id), updated_at = :now WHERE id = :id AND status = :from")
                .bind("id", id).bind("from", from.name()).bind("to", to.name()).bind("areaId", areaId)
                .bind("now", utc(now)).execute()) == 1;
    }

    /** Makes the device active with a freshly issued secret, replacing any earlier one. */
    public void issueCredentials(String id, String secretHash, String model, String firmware, String imei,
                                 String iccid, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE devices SET status = :active, secret_hash = :hash,"
                        + " pending_secret_hash = NULL, credentials_issued_at = :now, model = COALESCE(:model, model),"
                        + " firmware = COALESCE(:firmware, firmware), imei = COALESCE(:imei, imei),"
                        + " iccid = COALESCE(:iccid, iccid), updated_at = :now WHERE id = :id")
                .bind("id", id).bind("active", DeviceStatus.active.name()).bind("hash", secretHash)
                .bind("model", model).bind("firmware", firmware).bind("imei", imei).bind("iccid", iccid)
                .bind("now", utc(now)).execute());
    }

    /** Withdraws every secret and sets the status (revoked, or active for a device that must provision again). */
    public void clearCredentials(String id, DeviceStatus status, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE devices SET status = :status, secret_hash = NULL,"
                        + " pending_secret_hash = NULL, credentials_issued_at = NULL, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("status", status.name()).bind("now", utc(now)).execute());
    }

    public void setPendingSecret(String id, String pendingHash, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE devices SET pending_secret_hash = :hash, updated_at = :now"
                        + " WHERE id = :id")
                .bind("id", id).bind("hash", pendingHash).bind("now", utc(now)).execute());
    }

    /** Makes the rotated secret the only one; false if the pending hash changed meanwhile. */
    public boolean promotePendingSecret(String id, String pendingHash, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE devices SET secret_hash = pending_secret_hash,"
                        + " pending_secret_hash = NULL, credentials_issued_at = :now, updated_at = :now"
                        + " WHERE id = :id AND pending_secret_hash = :hash")
                .bind("id", id).bind("hash", pendingHash).bind("now", utc(now)).execute()) == 1;
    }

    public Optional<Secrets> secretsOf(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status, secret_hash, pending_secret_hash FROM devices"
                        + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Secrets(DeviceStatus.valueOf(rs.getString("status")),
                        rs.getString("secret_hash"), rs.getString("pending_secret_hash")))
                .findOne());
    }

    public List<Long> groupsOf(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT group_id FROM group_members WHERE device_id = :id"
                        + " ORDER BY group_id")
                .bind("id", id).mapTo(Long.class).list());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Map<String, Object> detailParams(DeviceDetails d) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", d.name());
        params.put("model", d.model());
        params.put("latitude", d.latitude());
        params.put("longitude", d.longitude());
        params.put("imei", d.imei());
        params.put("iccid", d.iccid());
        return params;
    }

    private static Device device(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Device(
                rs.getString("id"),
                rs.getString("serial"),
                DeviceStatus.valueOf(rs.getString("status")),
                rs.getObject("area_id", Long.class),
                rs.getString("area_hint"),
                new DeviceDetails(rs.getString("name"), rs.getString("model"), rs.getObject("latitude", Double.class),
                        rs.getObject("longitude", Double.class), rs.getString("imei"), rs.getString("iccid")),
                rs.getString("firmware"),
                instant(rs, "credentials_issued_at"),
                rs.getLong("desired_version"),
                rs.getObject("desired_volume", Integer.class),
                rs.getObject("desired_muted", Boolean.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "last_seen"));
    }
}
