package vn.loa.controller.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.command.ControlPlaneFixture.COMMUNE_A;
import static vn.loa.controller.command.ControlPlaneFixture.GROUP_A;
import static vn.loa.controller.command.ControlPlaneFixture.OPERATOR_A;
import static vn.loa.controller.command.ControlPlaneFixture.OPERATOR_B;
import static vn.loa.controller.command.ControlPlaneFixture.VIEWER_A;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.command.ControlPlaneFixture;
import vn.loa.controller.command.ControlPlaneTest;
import vn.loa.controller.testing.RouteServer.Response;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.message.DesiredState;

class DesiredRoutesTest extends ControlPlaneTest {
    /** The configurable devices of commune A's subtree: active a1, a2, a3 and the imported a-new, not a-revoked. */
    private static final List<String> COMMUNE_A_DEVICES = List.of("a1", "a2", "a3", "a-new");

    @Test
    void desiredStateForAnAreaIsStoredVersionedAndPublishedRetainedToEveryDeviceOfTheSubtree() throws Exception {
        Response first = fx.put(OPERATOR_A, "/api/areas/" + COMMUNE_A + "/desired", "{\"volume\":40}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("devices").asInt()).isEqualTo(COMMUNE_A_DEVICES.size());
        for (String device : COMMUNE_A_DEVICES) {
            DesiredState state = lastDesired(device);
            assertThat(state.version()).isEqualTo(1);
            assertThat(state.volume()).isEqualTo(40);
            assertThat(state.muted()).isNull();
            assertThat(fx.desiredVersion(device)).isEqualTo(1);
        }
        assertThat(lastDesired("a1").groups()).containsExactly(GROUP_A, ControlPlaneFixture.GROUP_MIXED);
        assertThat(fx.publisher.on(Topics.device("a-revoked", DeviceTopic.DESIRED))).isEmpty();
        assertThat(fx.publisher.on(Topics.device("b1", DeviceTopic.DESIRED))).isEmpty();
        assertThat(fx.publisher.published).allMatch(m -> m.retain() && m.qos() == 1);

        fx.put(OPERATOR_A, "/api/areas/" + COMMUNE_A + "/desired", "{\"muted\":true}");

        DesiredState second = lastDesired("a2");
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.volume()).isEqualTo(40);
        assertThat(second.muted()).isTrue();
        Boolean storedMuted = fx.jdbi.withHandle(h -> h.createQuery("SELECT desired_muted FROM devices WHERE id = 'a2'")
                .mapTo(Boolean.class).one());
        assertThat(storedMuted).isTrue();
    }

    @Test
    void desiredStateForAGroupReachesItsMembersOnly() throws Exception {
        Response response = fx.put(OPERATOR_A, "/api/groups/" + GROUP_A + "/desired", "{\"volume\":0,\"muted\":false}");

        assertThat(response.body().get("devices").asInt()).isEqualTo(2);
        assertThat(fx.publisher.published).extracting(OutboundMessage::topic).containsExactlyInAnyOrder(
                Topics.device("a1", DeviceTopic.DESIRED), Topics.device("a3", DeviceTopic.DESIRED));
        assertThat(lastDesired("a3").volume()).isZero();
    }

    @Test
    void invalidOrForbiddenChangesAreRefusedAndChangeNothing() {
        for (String body : List.of("{}", "{\"volume\":101}", "{\"volume\":-1}", "{\"volume\":\"loud\"}",
                "{\"muted\":\"yes\"}", "{\"volume\":12.5}", "not json")) {
            Response response = fx.put(OPERATOR_A, "/api/devices/a1/desired", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.body().get("error").asText()).as(body).isNotBlank();
        }
        assertThat(fx.put(OPERATOR_B, "/api/devices/a1/desired", "{\"volume\":10}").status()).isEqualTo(404);
        assertThat(fx.put(OPERATOR_B, "/api/areas/" + COMMUNE_A + "/desired", "{\"volume\":10}").status()).isEqualTo(404);
        assertThat(fx.put(VIEWER_A, "/api/devices/a1/desired", "{\"volume\":10}").status()).isEqualTo(403);
        assertThat(fx.put(OPERATOR_A, "/api/devices/a-revoked/desired", "{\"volume\":10}").status()).isEqualTo(409);

        assertThat(fx.publisher.published).isEmpty();
        assertThat(fx.desiredVersion("a1")).isZero();
    }
}
