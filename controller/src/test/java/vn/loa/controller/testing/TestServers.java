package vn.loa.controller.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import vn.loa.controller.auth.PasswordHasher;
import vn.loa.controller.auth.Role;
import vn.loa.controller.auth.UserRepository;
import vn.loa.controller.config.LoaConfig;
import vn.loa.controller.server.LoaServer;

/** Real servers for tests: H2 file database in a temporary data directory, HTTP on a free port of 127.0.0.1. */
public final class TestServers {
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestServers() {
    }

    /** The configuration tests start from, with {@code extra} settings on top. */
    public static LoaConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("data.dir", dataDir.toString());
        settings.put("http.host", "127.0.0.1");
        settings.put("http.port", "0");
        settings.put("mqtt.host", "127.0.0.1");
        settings.put("mqtt.port", "0");
        settings.put("mqtt.tls.port", "0");
        settings.put("rtp.host", "127.0.0.1");
        settings.put("rtp.port", "0");
        settings.put("rtp.multicast.interface", "127.0.0.1"); // multicast output stays on this machine
        settings.put("admin.password", ADMIN_PASSWORD);
        settings.putAll(extra);
        return LoaConfig.load(null, Map.of()).with(settings);
    }

    public static LoaServer start(Path dataDir) {
        return new LoaServer(config(dataDir, Map.of())).start();
    }

    public static LoaServer start(Path dataDir, Map<String, String> extra, Clock clock) {
        return new LoaServer(config(dataDir, extra), clock).start();
    }

    public static ApiClient anonymous(LoaServer server) {
        return new ApiClient(server.httpPort(), null);
    }

    public static ApiClient admin(LoaServer server) {
        return anonymous(server).login("admin", ADMIN_PASSWORD);
    }

    /** Creates a user of the whole installation with this role and returns a client logged in as them. */
    public static ApiClient loggedIn(LoaServer server, String username, Role role) {
        String password = username + "-password-1";
        createUser(server, username, password, role, null);
        return anonymous(server).login(username, password);
    }

    /**
     * A provisioned speaker (status active) created straight in the database, not connected: broadcasts reach it
     * and record it offline.
     *
     * @param areaId its area, null for none
     */
    public static void activeSpeaker(LoaServer server, String id, Long areaId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO devices (id, serial, status, area_id, created_at,"
                        + " updated_at) VALUES (:id, :serial, 'active', :area, :now, :now)")
                .bind("id", id).bind("serial", "SN-" + id).bind("area", areaId).bind("now", now).execute());
    }

    /** Creates a user straight in the database, for tests that need more than the admin. */
    public static void createUser(LoaServer server, String username, String password, Role role, Long areaId) {
        new UserRepository(server.jdbi()).create(username,
                new PasswordHasher(PasswordHasher.USER_ITERATIONS).hash(password), role, areaId);
    }
}
