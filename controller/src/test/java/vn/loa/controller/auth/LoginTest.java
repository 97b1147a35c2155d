package vn.loa.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.TestServers;

class LoginTest {
    private static final int MAX_FAILURES = 3;
    private static final int LOCKOUT_MINUTES = 10;
    private static final int TTL_MINUTES = 60;
    private static final int MAX_HOURS = 3;

    @TempDir
    static Path dataDir;
    private static final MutableClock CLOCK = new MutableClock();
    private static LoaServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir, Map.of(
                "login.max.failures", String.valueOf(MAX_FAILURES),
                "login.lockout.minutes", String.valueOf(LOCKOUT_MINUTES),
                "session.ttl.minutes", String.valueOf(TTL_MINUTES),
                "session.max.hours", String.valueOf(MAX_HOURS)), CLOCK);
        anonymous = TestServers.anonymous(server);
        TestServers.createUser(server, "operator1", "operator-pass", Role.OPERATOR, null);
        TestServers.createUser(server, "monitor", "monitor-pass", Role.SERVICE, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void goodCredentialsGiveATokenThatWorks() {
        Response login = anonymous.post("/api/login", Map.of("username", "admin", "password", TestServers.ADMIN_PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("token").asText()).hasSize(43);
        assertThat(Instant.parse(login.json().get("expiresAt").asText()))
                .isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(TTL_MINUTES)));
        assertThat(login.json().get("user").get("role").asText()).isEqualTo("admin");
        assertThat(login.json().get("user").get("areaId").isNull()).isTrue();

        Response me = anonymous.withToken(login.json().get("token").asText()).get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("admin");
        assertThat(auditActions("admin")).contains("login");
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        Response wrong = anonymous.post("/api/login", Map.of("username", "operator1", "password", "nope"));
        Response unknown = anonymous.post("/api/login", Map.of("username", "nobody", "password", "nope"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(auditActions("nobody")).contains("login.failed");
    }

    @Test
    void serviceAccountsCannotUseTheApi() {
        Response r = anonymous.post("/api/login", Map.of("username", "monitor", "password", "monitor-pass"));
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void missingFieldsAndOverlongCredentialsAre400() {
        assertThat(anonymous.post("/api/login", Map.of("username", "admin")).status()).isEqualTo(400);
        Response overlong = anonymous.post("/api/login",
                Map.of("username", "admin", "password", "x".repeat(AuthRoutes.MAX_CREDENTIAL_LENGTH + 1)));
        assertThat(overlong.status()).isEqualTo(400);
        assertThat(overlong.json().get("detail").get("maxLength").asInt()).isEqualTo(AuthRoutes.MAX_CREDENTIAL_LENGTH);
    }

    @Test
    void repeatedFailuresLockTheNameOutUntilTheWindowPasses() {
        TestServers.createUser(server, "victim", "victim-pass", Role.VIEWER, null);
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(anonymous.post("/api/login", Map.of("username", "victim", "password", "guess" + i)).status())
                    .isEqualTo(401);
        }

        Response locked = anonymous.post("/api/login", Map.of("username", "victim", "password", "victim-pass"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After")))
                .isBetween(1L, Duration.ofMinutes(LOCKOUT_MINUTES).toSeconds() + 1);
        assertThat(locked.json().get("error").asText()).contains("too many failed logins");
        assertThat(auditActions("victim")).contains("login.locked");

        CLOCK.advance(Duration.ofMinutes(LOCKOUT_MINUTES).plusSeconds(1));
        assertThat(anonymous.post("/api/login", Map.of("username", "victim", "password", "victim-pass")).status())
                .isEqualTo(200);
    }

    @Test
    void tokenExpiresAfterTtlOfIdlenessButSlidesWithUse() {
        TestServers.createUser(server, "sliding", "sliding-pass", Role.VIEWER, null);
        ApiClient user = anonymous.login("sliding", "sliding-pass");

        CLOCK.advance(Duration.ofMinutes(TTL_MINUTES - 1));
        assertThat(user.get("/api/me").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(TTL_MINUTES - 1));
        assertThat(user.get("/api/me").status()).isEqualTo(200);

        CLOCK.advance(Duration.ofMinutes(TTL_MINUTES));
        Response expired = user.get("/api/me");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("detail").asText()).isEqualTo("invalid or expired token");
    }

    @Test
    void aBusySessionStillEndsAtItsAbsoluteCap() {
        TestServers.createUser(server, "busy", "busy-password", Role.VIEWER, null);
        Instant loggedInAt = CLOCK.instant();
        ApiClient user = anonymous.login("busy", "busy-password");
        Duration often = Duration.ofMinutes(TTL_MINUTES - 10);

        while (CLOCK.instant().plus(often).isBefore(loggedInAt.plus(Duration.ofHours(MAX_HOURS)))) {
            CLOCK.advance(often);
            assertThat(user.get("/api/me").status()).as("used at " + CLOCK.instant()).isEqualTo(200);
        }
        CLOCK.advance(often);

        assertThat(CLOCK.instant()).isAfter(loggedInAt.plus(Duration.ofHours(MAX_HOURS)));
        assertThat(user.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void aLoginCloseToTheCapReportsTheCapAsItsExpiry() {
        SessionStore sessions = new SessionStore(Duration.ofMinutes(TTL_MINUTES), Duration.ofMinutes(TTL_MINUTES / 2),
                CLOCK);
        SessionStore.IssuedToken issued = sessions.open(new Caller("short", Role.VIEWER, null));

        assertThat(issued.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(TTL_MINUTES / 2)));
        CLOCK.advance(Duration.ofMinutes(TTL_MINUTES / 2));
        assertThat(sessions.resolve(issued.token())).isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        ApiClient admin = TestServers.admin(server);
        assertThat(admin.post("/api/logout", "").status()).isEqualTo(204);
        assertThat(admin.get("/api/me").status()).isEqualTo(401);
        assertThat(auditActions("admin")).contains("logout");
    }

    @Test
    void brokerCredentialCheckHonoursPasswordsAndRoles() {
        UserCredentials credentials = new UserService(new UserRepository(server.jdbi()),
                new SessionStore(Duration.ofMinutes(1), Duration.ofHours(1), CLOCK), new AuditLog(server.jdbi()),
                MAX_FAILURES, Duration.ofMinutes(LOCKOUT_MINUTES), CLOCK);
        assertThat(credentials.verify("monitor", "monitor-pass")).get().extracting(Caller::role).isEqualTo(Role.SERVICE);
        assertThat(credentials.verify("monitor", "wrong")).isEmpty();
        assertThat(credentials.verify("ghost", "x")).isEmpty();
    }

    private static List<String> auditActions(String actor) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log WHERE actor = :actor")
                .bind("actor", actor).mapTo(String.class).list());
    }
}
