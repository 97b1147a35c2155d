package vn.loa.controller.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static vn.loa.controller.command.ControlPlaneFixture.ADMIN;
import static vn.loa.controller.command.ControlPlaneFixture.COMMUNE_A;
import static vn.loa.controller.command.ControlPlaneFixture.GROUP_A;
import static vn.loa.controller.command.ControlPlaneFixture.GROUP_B;
import static vn.loa.controller.command.ControlPlaneFixture.GROUP_MIXED;
import static vn.loa.controller.command.ControlPlaneFixture.OPERATOR_A;
import static vn.loa.controller.command.ControlPlaneFixture.VIEWER_A;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import vn.loa.controller.command.ControlPlaneTest;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.testing.RouteServer.Response;
import vn.loa.protocol.Topics;

class MembershipRoutesTest extends ControlPlaneTest {
    @Test
    void theCacheStartsFromTheDatabase() {
        assertThat(fx.membership.groupsOf("a1")).containsExactlyInAnyOrder(GROUP_A, GROUP_MIXED);
        assertThat(fx.membership.groupsOf("b1")).containsExactlyInAnyOrder(GROUP_B, GROUP_MIXED);
        assertThat(fx.membership.groupsOf("a2")).isEmpty();
    }

    @Test
    void addingADeviceUpdatesCacheDatabaseAndItsDesiredState() throws Exception {
        Response response = fx.post(OPERATOR_A, "/api/groups/" + GROUP_A + "/members", "{\"deviceIds\":[\"a2\",\"a1\"]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("added").asInt()).isEqualTo(1);
        assertThat(response.body().get("members").asInt()).isEqualTo(3);
        assertThat(fx.membership.groupsOf("a2")).containsExactly(GROUP_A);
        assertThat(fx.desiredVersion("a2")).isEqualTo(1);
        assertThat(fx.desiredVersion("a1")).isZero();
        assertThat(lastDesired("a2").groups()).containsExactly(GROUP_A);
        assertThat(memberIds(fx.get(OPERATOR_A, "/api/groups/" + GROUP_A + "/members").body()))
                .containsExactly("a1", "a2", "a3");
    }

    @Test
    void removingADeviceUpdatesCacheDesiredStateAndDropsItsGroupSubscription() throws Exception {
        Response response = fx.delete(OPERATOR_A, "/api/groups/" + GROUP_A + "/members/a1");

        assertThat(response.status()).isEqualTo(204);
        assertThat(fx.membership.groupsOf("a1")).containsExactly(GROUP_MIXED);
        assertThat(fx.desiredVersion("a1")).isEqualTo(1);
        assertThat(lastDesired("a1").groups()).containsExactly(GROUP_MIXED);
        assertThat(fx.publisher.removedSubscriptions).containsExactly("a1 " + Topics.groupCommand(GROUP_A));
        int stored = fx.jdbi.withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM group_members WHERE group_id = 10 AND device_id = 'a1'").mapTo(Integer.class).one());
        assertThat(stored).isZero();

        assertThat(fx.delete(OPERATOR_A, "/api/groups/" + GROUP_A + "/members/a1").status()).isEqualTo(404);
        assertThat(fx.delete(OPERATOR_A, "/api/groups/" + GROUP_A + "/members/b1").status()).isEqualTo(404);
    }

    @Test
    void membersAreListedWithinTheCallersScope() {
        assertThat(memberIds(fx.get(ADMIN, "/api/groups/" + GROUP_MIXED + "/members").body())).containsExactly("a1", "b1");
        JsonNode scoped = fx.get(VIEWER_A, "/api/groups/" + GROUP_MIXED + "/members").body();
        assertThat(memberIds(scoped)).containsExactly("a1");
        assertThat(scoped.get("total").asInt()).isEqualTo(1);
        assertThat(fx.get(VIEWER_A, "/api/groups/" + GROUP_B + "/members").status()).isEqualTo(404);
        JsonNode paged = fx.get(ADMIN, "/api/groups/" + GROUP_MIXED + "/members?limit=1&offset=1").body();
        assertThat(memberIds(paged)).containsExactly("b1");
        assertThat(paged.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void devicesOutsideTheScopeOrUnknownAreRefusedAndNothingIsAdded() {
        for (String body : List.of("{\"deviceIds\":[\"a2\",\"b1\"]}", "{\"deviceIds\":[\"a2\",\"nobody\"]}",
                "{\"deviceIds\":[\"a2\",\"Not An Id\"]}", "{\"deviceIds\":[]}", "{\"deviceIds\":[\"a2\",7]}",
                "{\"deviceIds\":\"a2\"}", "{")) {
            Response response = fx.post(OPERATOR_A, "/api/groups/" + GROUP_A + "/members", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.body().get("error").asText()).as(body).isNotBlank();
        }
        assertThat(fx.post(OPERATOR_A, "/api/groups/" + GROUP_B + "/members", "{\"deviceIds\":[\"a2\"]}").status())
                .isEqualTo(404);
        assertThat(fx.post(VIEWER_A, "/api/groups/" + GROUP_A + "/members", "{\"deviceIds\":[\"a2\"]}").status())
                .isEqualTo(403);
        assertThat(fx.membership.groupsOf("a2")).isEmpty();
        assertThat(fx.publisher.published).isEmpty();
    }

    @Test
    void oneRequestAddsAtMostTheNamedNumberOfDevices() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= MembershipService.MAX_DEVICES_PER_REQUEST; i++) {
            ids.add("\"d" + i + "\"");
        }
        Response response = fx.post(OPERATOR_A, "/api/groups/" + GROUP_A + "/members",
                "{\"deviceIds\":[" + String.join(",", ids) + "]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").get("limit").asInt()).isEqualTo(MembershipService.MAX_DEVICES_PER_REQUEST);
    }

    @Test
    void aDeviceBelongsToAtMostTheGroupsItsDesiredStateCanList() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        fx.jdbi.useHandle(h -> {
            for (int g = 100; g < 100 + MembershipService.MAX_GROUPS_PER_DEVICE; g++) {
                h.execute("INSERT INTO speaker_groups (id, name, area_id, created_at) VALUES (?, ?, ?, ?)",
                        g, "group " + g, COMMUNE_A, now);
                h.execute("INSERT INTO group_members (group_id, device_id) VALUES (?, 'a2')", g);
            }
        });
        MembershipService service = new MembershipService(fx.jdbi, GroupMembershipCache.load(fx.jdbi), fx.desired,
                fx.publisher, fx.audit, fx.scopes);

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> service.add(OPERATOR_A, GROUP_A, List.of("a2")));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.getMessage()).contains(Integer.toString(MembershipService.MAX_GROUPS_PER_DEVICE));
    }

    @Test
    void aGroupHoldsAtMostTheNamedNumberOfDevices() {
        // the group already holds a1 and b1: one place is left
        List<String> bulk = fx.insertActiveDevices("bulk", MembershipService.MAX_GROUP_SIZE - 3, COMMUNE_A);
        fx.jdbi.useTransaction(h -> {
            PreparedBatch members = h.prepareBatch("INSERT INTO group_members (group_id, device_id) VALUES (12, :id)");
            bulk.forEach(id -> members.bind("id", id).add());
            members.execute();
        });

        Response full = fx.post(OPERATOR_A, "/api/groups/" + GROUP_MIXED + "/members", "{\"deviceIds\":[\"a2\",\"a3\"]}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.body().get("detail").get("limit").asInt()).isEqualTo(MembershipService.MAX_GROUP_SIZE);
        assertThat(fx.membership.groupsOf("a2")).isEmpty();

        Response last = fx.post(OPERATOR_A, "/api/groups/" + GROUP_MIXED + "/members", "{\"deviceIds\":[\"a2\"]}");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.body().get("members").asInt()).isEqualTo(MembershipService.MAX_GROUP_SIZE);
    }

    @Test
    void changesAreAudited() {
        fx.post(OPERATOR_A, "/api/groups/" + GROUP_A + "/members", "{\"deviceIds\":[\"a2\"]}");
        fx.delete(OPERATOR_A, "/api/groups/" + GROUP_A + "/members/a2");

        List<String> actions = fx.jdbi.withHandle(h -> h.createQuery(
                        "SELECT action FROM audit_log WHERE actor = 'op-a' AND target = 'group:10' ORDER BY id")
                .mapTo(String.class).list());
        assertThat(actions).containsExactly("group.members.add", "group.members.remove");
    }

    private static List<String> memberIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
