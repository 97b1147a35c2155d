package vn.loa.controller.command;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.command.ControlPlaneFixture.ADMIN;
import static vn.loa.controller.command.ControlPlaneFixture.APPROVER_A;
import static vn.loa.controller.command.ControlPlaneFixture.COMMUNE_A;
import static vn.loa.controller.command.ControlPlaneFixture.COMMUNE_B;
import static vn.loa.controller.command.ControlPlaneFixture.GROUP_A;
import static vn.loa.controller.command.ControlPlaneFixture.GROUP_B;
import static vn.loa.controller.command.ControlPlaneFixture.GROUP_MIXED;
import static vn.loa.controller.command.ControlPlaneFixture.OPERATOR_A;
import static vn.loa.controller.command.ControlPlaneFixture.OPERATOR_B;
import static vn.loa.controller.command.ControlPlaneFixture.VIEWER_A;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.command.AnsweringDevices.Answer;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.RouteServer.Response;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Timing;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandResult;
import vn.loa.protocol.message.CommandType;

class CommandRoutesTest extends ControlPlaneTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @BeforeEach
    void connectDevices() {
        fx.online.addAll(List.of("a1", "a2", "a3", "b1"));
    }

    @Test
    void aDeviceCommandIsPublishedOnItsTopicAndTheAnswerRecorded() throws Exception {
        Instant before = Instant.now();
        Response sent = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"volume\",\"value\":70}");

        assertThat(sent.status()).isEqualTo(202);
        String id = sent.body().get("id").asText();
        assertThat(sent.body().get("devices").asInt()).isEqualTo(1);
        assertThat(sent.body().get("target").get("kind").asText()).isEqualTo("device");
        assertThat(sent.body().get("target").get("id").asText()).isEqualTo("a1");
        Instant expiresAt = Instant.parse(sent.body().get("expiresAt").asText());
        assertThat(expiresAt).isBetween(before.plusSeconds(Timing.DEFAULT_COMMAND_EXPIRY_SECONDS),
                Instant.now().plusSeconds(Timing.DEFAULT_COMMAND_EXPIRY_SECONDS));

        List<OutboundMessage> messages = fx.publisher.on(Topics.device("a1", DeviceTopic.COMMAND));
        assertThat(fx.publisher.published).hasSize(1);
        OutboundMessage message = messages.get(0);
        assertThat(message.qos()).isEqualTo(1);
        assertThat(message.retain()).isFalse();
        assertThat(message.expirySeconds()).isBetween(1L, (long) Timing.DEFAULT_COMMAND_EXPIRY_SECONDS);
        assertThat(new String(message.correlationData(), StandardCharsets.US_ASCII)).isEqualTo(id);
        Command wire = MessageCodec.decode(message.payload(), Command.class, PayloadLimits.COMMAND_BYTES);
        assertThat(wire.id()).isEqualTo(id);
        assertThat(wire.type()).isEqualTo(CommandType.volume);
        assertThat(wire.value()).isEqualTo(70);
        assertThat(wire.expires()).isEqualTo(expiresAt.toEpochMilli());

        JsonNode details = fx.get(OPERATOR_A, "/api/commands/" + id + "?wait=5000").body();
        assertThat(details.get("done").asBoolean()).isTrue();
        assertThat(details.get("createdBy").asText()).isEqualTo("op-a");
        assertThat(details.get("value").asInt()).isEqualTo(70);
        assertThat(details.get("summary").get("ok").asInt()).isEqualTo(1);
        JsonNode result = details.get("results").get(0);
        assertThat(result.get("deviceId").asText()).isEqualTo("a1");
        assertThat(result.get("status").asText()).isEqualTo("ok");
        assertThat(result.get("latencyMs").asInt()).isBetween(0, 5000);
        assertThat(Instant.parse(result.get("at").asText())).isAfterOrEqualTo(Instant.parse(details.get("createdAt").asText()));
    }

    @Test
    void aFailureIsRecordedWithTheDevicesReason() {
        fx.devices.answer("a2", Answer.FAIL);
        String id = fx.post(OPERATOR_A, "/api/devices/a2/commands", "{\"type\":\"amplifier\",\"value\":true}")
                .body().get("id").asText();

        JsonNode result = fx.get(OPERATOR_A, "/api/commands/" + id + "?wait=5000").body().get("results").get(0);

        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("reason").asText()).isEqualTo(AnsweringDevices.FAILURE_REASON);
    }

    @Test
    void aGroupCommandIsOnePublishOnTheGroupTopicAnsweredByEveryMember() {
        Response sent = fx.post(OPERATOR_A, "/api/groups/" + GROUP_A + "/commands", "{\"type\":\"mute\"}");

        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.body().get("devices").asInt()).isEqualTo(2);
        assertThat(fx.publisher.published).hasSize(1);
        assertThat(fx.publisher.published.get(0).topic()).isEqualTo(Topics.groupCommand(GROUP_A));
        JsonNode details = fx.get(OPERATOR_A, "/api/commands/" + sent.body().get("id").asText() + "?wait=5000").body();
        assertThat(details.get("done").asBoolean()).isTrue();
        assertThat(details.get("summary").get("ok").asInt()).isEqualTo(2);
        assertThat(details.get("results").findValuesAsText("deviceId")).containsExactlyInAnyOrder("a1", "a3");
    }

    @Test
    void aGroupWithMembersOutsideTheCallersScopeReachesOnlyTheMembersInScopeOneByOne() {
        Response scoped = fx.post(OPERATOR_A, "/api/groups/" + GROUP_MIXED + "/commands", "{\"type\":\"ping\"}");

        assertThat(scoped.body().get("devices").asInt()).isEqualTo(1);
        assertThat(fx.publisher.published).extracting(OutboundMessage::topic)
                .containsExactly(Topics.device("a1", DeviceTopic.COMMAND));

        Response whole = fx.post(ADMIN, "/api/groups/" + GROUP_MIXED + "/commands", "{\"type\":\"ping\"}");
        assertThat(whole.body().get("devices").asInt()).isEqualTo(2);
        assertThat(fx.publisher.published).extracting(OutboundMessage::topic)
                .containsExactly(Topics.device("a1", DeviceTopic.COMMAND), Topics.groupCommand(GROUP_MIXED));
    }

    @Test
    void aScopedReaderSeesOnlyTheResultsOfDevicesInItsScope() {
        String id = fx.post(ADMIN, "/api/groups/" + GROUP_MIXED + "/commands", "{\"type\":\"ping\"}")
                .body().get("id").asText();
        assertThat(fx.get(ADMIN, "/api/commands/" + id + "?wait=5000").body().get("summary").get("ok").asInt())
                .isEqualTo(2);

        JsonNode scoped = fx.get(OPERATOR_A, "/api/commands/" + id).body();

        assertThat(scoped.get("results").findValuesAsText("deviceId")).containsExactly("a1");
        assertThat(scoped.get("summary").get("ok").asInt()).isEqualTo(1);
    }

    @Test
    void aCommandTheBrokerWillNotTakeFailsAtOnce() {
        fx.publisher.refuse(Topics.device("a1", DeviceTopic.COMMAND));

        String id = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"ping\"}").body().get("id").asText();

        JsonNode result = fx.get(OPERATOR_A, "/api/commands/" + id + "?wait=5000").body().get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("reason").asText()).isEqualTo("not delivered");
    }

    @Test
    void beyondTheInFlightLimitNewCommandsAreRefused() {
        fx.devices.answer("a1", Answer.SILENT);
        CommandRequest ping = new CommandRequest(CommandType.ping, null, null);
        for (int i = 0; i < CommandService.MAX_COMMANDS_IN_FLIGHT; i++) {
            fx.commands.send(ADMIN, CommandTarget.device("a1"), ping);
        }

        Response refused = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"ping\"}");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("detail").get("limit").asInt()).isEqualTo(CommandService.MAX_COMMANDS_IN_FLIGHT);
    }

    @Test
    void aCommandReachesAtMostTheNamedNumberOfDevices() {
        // commune B already holds b1: one more than the limit in all
        fx.insertActiveDevices("bulk", CommandService.MAX_DEVICES_PER_COMMAND, COMMUNE_B);

        Response refused = fx.post(OPERATOR_B, "/api/areas/" + COMMUNE_B + "/commands", "{\"type\":\"ping\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("detail").get("devices").asInt())
                .isEqualTo(CommandService.MAX_DEVICES_PER_COMMAND + 1);
        assertThat(fx.publisher.published).isEmpty();
    }

    @Test
    void theLongPollWaitIsBounded() {
        String id = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"ping\"}").body().get("id").asText();

        for (String wait : List.of("-1", Integer.toString(CommandRoutes.MAX_WAIT_MS + 1), "soon")) {
            Response response = fx.get(OPERATOR_A, "/api/commands/" + id + "?wait=" + wait);
            assertThat(response.status()).as(wait).isEqualTo(400);
            assertThat(response.body().get("error").asText()).isEqualTo("invalid query parameter");
            assertThat(response.body().get("detail").asText()).contains(Integer.toString(CommandRoutes.MAX_WAIT_MS));
        }
    }

    @Test
    void anAreaCommandGoesToEveryOnlineActiveDeviceOfTheSubtreeAndMarksTheOfflineOnes() {
        fx.online.remove("a2");

        Response sent = fx.post(OPERATOR_A, "/api/areas/" + COMMUNE_A + "/commands", "{\"type\":\"unmute\"}");

        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.body().get("devices").asInt()).isEqualTo(3);
        assertThat(fx.publisher.published).extracting(OutboundMessage::topic).containsExactlyInAnyOrder(
                Topics.device("a1", DeviceTopic.COMMAND), Topics.device("a3", DeviceTopic.COMMAND));
        JsonNode details = fx.get(OPERATOR_A, "/api/commands/" + sent.body().get("id").asText() + "?wait=5000").body();
        assertThat(details.get("done").asBoolean()).isTrue();
        assertThat(details.get("summary").get("ok").asInt()).isEqualTo(2);
        assertThat(details.get("summary").get("offline").asInt()).isEqualTo(1);
        for (JsonNode result : details.get("results")) {
            assertThat(result.get("status").asText()).isEqualTo(result.get("deviceId").asText().equals("a2") ? "offline" : "ok");
        }
    }

    @Test
    void aSilentDeviceIsTimedOutByTheSweeperAndTheRowFollows() {
        fx.devices.answer("a1", Answer.SILENT);
        String id = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"ping\",\"expiresIn\":1}")
                .body().get("id").asText();

        JsonNode details = fx.get(OPERATOR_A, "/api/commands/" + id + "?wait=10000").body();

        assertThat(details.get("done").asBoolean()).isTrue();
        assertThat(details.get("summary").get("timed_out").asInt()).isEqualTo(1);
        Poll.until("the timed-out row", DEADLINE, () -> "timed_out".equals(storedStatus(id, "a1")));
    }

    @Test
    void aLongPollReturnsPendingAfterItsWaitAndAtOnceWhenTheLastResultArrives() throws Exception {
        fx.devices.answer("a1", Answer.SILENT);
        String id = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"ping\"}").body().get("id").asText();

        long start = System.nanoTime();
        JsonNode stillPending = fx.get(OPERATOR_A, "/api/commands/" + id + "?wait=300").body();
        assertThat(stillPending.get("done").asBoolean()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        var poll = CompletableFuture.supplyAsync(
                () -> fx.get(OPERATOR_A, "/api/commands/" + id + "?wait=20000"));
        Poll.until("the long poll to wait", DEADLINE,
                () -> fx.commands.settled(id).getNumberOfDependents() > 0);
        long answered = System.nanoTime();
        fx.commands.onResult("a1", MessageCodec.encode(CommandResult.ok(id)));

        JsonNode details = poll.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).body();
        assertThat(details.get("done").asBoolean()).isTrue();
        assertThat(details.get("results").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void invalidRequestsAreRefusedWithAJsonError() {
        List<String> bodies = List.of(
                "{\"type\":\"explode\"}",
                "{}",
                "",
                "{\"type\":\"volume\",\"value\":101}",
                "{\"type\":\"volume\",\"value\":-1}",
                "{\"type\":\"volume\",\"value\":\"loud\"}",
                "{\"type\":\"volume\",\"value\":50.5}",
                "{\"type\":\"volume\"}",
                "{\"type\":\"amplifier\",\"value\":1}",
                "{\"type\":\"mute\",\"value\":true}",
                "{\"type\":\"credentials\"}",
                "{\"type\":\"ping\",\"expiresIn\":0}",
                "{\"type\":\"ping\",\"expiresIn\":" + (Timing.MAX_COMMAND_EXPIRY_SECONDS + 1) + "}",
                "{\"type\":\"ping\",\"expiresIn\":1.5}",
                "{\"type\":",
                "[1,2]");
        for (String body : bodies) {
            Response response = fx.post(OPERATOR_A, "/api/devices/a1/commands", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.body().get("error").asText()).as(body).isNotBlank();
        }
        assertThat(fx.publisher.published).isEmpty();
        int stored = fx.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM commands").mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void theExpiryLimitsThemselvesAreAccepted() {
        for (int expiresIn : new int[] {1, Timing.MAX_COMMAND_EXPIRY_SECONDS}) {
            Response response = fx.post(OPERATOR_A, "/api/devices/a1/commands",
                    "{\"type\":\"ping\",\"expiresIn\":" + expiresIn + "}");
            assertThat(response.status()).isEqualTo(202);
        }
    }

    @Test
    void targetsOutsideTheCallersScopeAreNotFound() {
        for (String path : List.of("/api/devices/a1/commands", "/api/areas/" + COMMUNE_A + "/commands",
                "/api/groups/" + GROUP_A + "/commands", "/api/devices/nobody/commands", "/api/groups/999/commands",
                "/api/areas/999/commands", "/api/groups/not-a-number/commands")) {
            Response response = fx.post(OPERATOR_B, path, "{\"type\":\"ping\"}");
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body().get("error").asText()).as(path).endsWith("not found");
        }
        String id = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"ping\"}").body().get("id").asText();
        assertThat(fx.get(OPERATOR_B, "/api/commands/" + id).status()).isEqualTo(404);
        assertThat(fx.get(OPERATOR_B, "/api/commands/no-such-command").status()).isEqualTo(404);
    }

    @Test
    void rolesDecideWhoMaySendWhat() {
        assertThat(fx.post(VIEWER_A, "/api/devices/a1/commands", "{\"type\":\"ping\"}").status()).isEqualTo(403);
        assertThat(fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"reboot\"}").status()).isEqualTo(403);
        assertThat(fx.post(APPROVER_A, "/api/devices/a1/commands", "{\"type\":\"reboot\"}").status()).isEqualTo(202);
        assertThat(fx.post(OPERATOR_A, "/api/devices/a-revoked/commands", "{\"type\":\"ping\"}").status()).isEqualTo(409);
        assertThat(fx.publisher.published).hasSize(1);
    }

    @Test
    void resultsForUnknownCommandsAndMalformedResultsAreDroppedAndCounted() {
        fx.devices.answer("a1", Answer.SILENT);
        String id = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"ping\"}").body().get("id").asText();

        fx.commands.onResult("a1", MessageCodec.encode(CommandResult.ok("AAAAAAAAnosuchid")));
        fx.commands.onResult("b1", MessageCodec.encode(CommandResult.ok(id)));
        fx.commands.onResult("a1", "{\"v\":1,\"id\":".getBytes(StandardCharsets.UTF_8));
        fx.commands.onResult("a1", new byte[PayloadLimits.RESULT_BYTES + 1]);

        assertThat(rejected("unknown-command")).isEqualTo(2.0);
        assertThat(rejected("malformed-json")).isEqualTo(1.0);
        assertThat(rejected("too-large")).isEqualTo(1.0);
        JsonNode details = fx.get(OPERATOR_A, "/api/commands/" + id).body();
        assertThat(details.get("done").asBoolean()).isFalse();
        assertThat(details.get("results").get(0).get("status").asText()).isEqualTo("pending");
    }

    @Test
    void answersFeedTheLatencyTimerAndTheResultCounters() {
        fx.devices.answer("a2", Answer.FAIL);
        String id = fx.post(OPERATOR_A, "/api/areas/" + COMMUNE_A + "/commands", "{\"type\":\"ping\"}")
                .body().get("id").asText();
        assertThat(fx.get(OPERATOR_A, "/api/commands/" + id + "?wait=5000").body().get("done").asBoolean()).isTrue();

        assertThat(fx.meters.get(CommandMetrics.LATENCY).timer().count()).isEqualTo(3);
        assertThat(fx.meters.get(CommandMetrics.RESULTS).tag("status", "ok").counter().count()).isEqualTo(2.0);
        assertThat(fx.meters.get(CommandMetrics.RESULTS).tag("status", "failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void resultsReachTheDatabaseInBatchesAndMatchWhatIsServed() {
        List<String> many = fx.insertActiveDevices("b-bulk", 300, COMMUNE_B);
        fx.online.addAll(many);
        String id = fx.post(OPERATOR_B, "/api/areas/" + COMMUNE_B + "/commands", "{\"type\":\"volume\",\"value\":20}")
                .body().get("id").asText();
        JsonNode served = fx.get(OPERATOR_B, "/api/commands/" + id + "?wait=10000").body();
        assertThat(served.get("summary").get("ok").asInt()).isEqualTo(many.size() + 1);

        Poll.until("every row written", DEADLINE, () -> fx.jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM command_results WHERE command_id = :id AND status = 'ok'")
                .bind("id", id).mapTo(Integer.class).one()) == many.size() + 1);
        for (JsonNode result : served.get("results")) {
            Integer storedLatency = fx.jdbi.withHandle(h -> h.createQuery(
                            "SELECT latency_ms FROM command_results WHERE command_id = :id AND device_id = :device")
                    .bind("id", id).bind("device", result.get("deviceId").asText()).mapTo(Integer.class).one());
            assertThat(storedLatency).isEqualTo(result.get("latencyMs").asInt());
        }
        String storedValue = fx.jdbi.withHandle(h -> h.createQuery("SELECT value_json FROM commands WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(storedValue).isEqualTo("20");
    }

    @Test
    void theListShowsRecentCommandsNewestFirstWithinTheCallersScope() {
        String first = fx.post(OPERATOR_A, "/api/devices/a1/commands", "{\"type\":\"ping\"}").body().get("id").asText();
        String second = fx.post(OPERATOR_A, "/api/groups/" + GROUP_A + "/commands", "{\"type\":\"ping\"}")
                .body().get("id").asText();
        String third = fx.post(OPERATOR_B, "/api/groups/" + GROUP_B + "/commands", "{\"type\":\"ping\"}")
                .body().get("id").asText();

        JsonNode all = fx.get(ADMIN, "/api/commands?limit=2").body();
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(ids(all.get("items"))).containsExactly(third, second);
        assertThat(all.get("items").get(0).has("results")).isFalse();
        assertThat(all.get("items").get(0).get("summary").has("pending")).isTrue();

        JsonNode communeA = fx.get(OPERATOR_A, "/api/commands").body();
        assertThat(ids(communeA.get("items"))).containsExactly(second, first);
        assertThat(communeA.get("total").asInt()).isEqualTo(2);
        assertThat(fx.get(OPERATOR_A, "/api/commands?limit=1001").status()).isEqualTo(400);
    }

    @Test
    void everyCommandIsAudited() {
        String id = fx.post(OPERATOR_A, "/api/areas/" + COMMUNE_A + "/commands", "{\"type\":\"volume\",\"value\":35}")
                .body().get("id").asText();

        String detail = fx.jdbi.withHandle(h -> h.createQuery(
                        "SELECT detail FROM audit_log WHERE actor = 'op-a' AND action = 'command' AND target = :target")
                .bind("target", "area:" + COMMUNE_A).mapTo(String.class).one());
        assertThat(detail).contains("volume 35").contains(id).contains("devices=3");
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private String storedStatus(String commandId, String deviceId) {
        return fx.jdbi.withHandle(h -> h.createQuery(
                        "SELECT status FROM command_results WHERE command_id = :id AND device_id = :device")
                .bind("id", commandId).bind("device", deviceId).mapTo(String.class).one());
    }

    private double rejected(String reason) {
        return fx.meters.get(CommandMetrics.REJECTED).tag("reason", reason).counter().count();
    }
}
