package vn.loa.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.auth.Role;
import vn.loa.controller.server.LoaServer;

/**
 * A small province loaded into a real server through the API, with active speakers placed in its areas, and users
 * scoped to its communes. Codes are prefixed so several provinces can share one server.
 *
 * <pre>
 * Tỉnh (p)
 *   Xã An (a, commune): Thôn Một (a1, village)
 *   Phường Bình (b, ward)
 * </pre>
 */
public final class Province {
    private final LoaServer server;
    private final ApiClient admin;
    private final String prefix;
    private final Map<String, Long> areas = new HashMap<>();
    private final Map<String, String> paths = new HashMap<>();

    public Province(LoaServer server, ApiClient admin, String prefix) {
        this.server = server;
        this.admin = admin;
        this.prefix = prefix;
        ApiClient.Response r = admin.post("/api/areas/import", Map.of("name", "Tỉnh " + prefix, "kind", "province",
                "code", prefix + "-p", "children", List.of(
                        Map.of("name", "Xã An", "kind", "commune", "code", prefix + "-a", "children", List.of(
                                Map.of("name", "Thôn Một", "kind", "village", "code", prefix + "-a1"))),
                        Map.of("name", "Phường Bình", "kind", "ward", "code", prefix + "-b"))));
        if (r.status() != 200) {
            throw new AssertionError("import failed: " + r);
        }
        for (JsonNode area : admin.get("/api/areas?limit=1000").json().get("items")) {
            String code = area.path("code").asText();
            if (code.startsWith(prefix + "-")) {
                areas.put(code.substring(prefix.length() + 1), area.get("id").asLong());
                paths.put(code.substring(prefix.length() + 1), area.get("path").asText());
            }
        }
    }

    /** The id of the area with this short code (p, a, a1, b). */
    public long area(String code) {
        return areas.get(code);
    }

    public String path(String code) {
        return paths.get(code);
    }

    /** An active speaker in the area, created straight in the database (its approval is not what is tested). */
    public String speaker(String id, String areaCode, Instant createdAt) {
        server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO devices (id, serial, status, area_id, name,"
                        + " created_at, updated_at) VALUES (:id, :serial, 'active', :area, :name, :at, :at)")
                .bind("id", id).bind("serial", "SN-" + id).bind("area", area(areaCode)).bind("name", "Loa " + id)
                .bind("at", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC)).execute());
        return id;
    }

    /** A client logged in as a new user of this role scoped to the area. */
    public ApiClient user(String username, Role role, String areaCode) {
        String password = username + "-password-1";
        TestServers.createUser(server, username, password, role, areaCode == null ? null : area(areaCode));
        return TestServers.anonymous(server).login(username, password);
    }

    public ApiClient admin() {
        return admin;
    }
}
