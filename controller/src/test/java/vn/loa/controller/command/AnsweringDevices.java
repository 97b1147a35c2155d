package vn.loa.controller.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Function;
import vn.loa.broker.OutboundMessage;
import vn.loa.controller.testing.RecordingPublisher;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandResult;

/**
 * Plays the devices' part behind a {@link RecordingPublisher}: every online device that receives a command (on its
 * own topic or on a group topic it belongs to) answers with real encoded {@link CommandResult} bytes, delivered
 * on another thread as the broker's dispatch threads would.
 */
public final class AnsweringDevices implements AutoCloseable {
    /** How a fake device answers a command. */
    public enum Answer { OK, FAIL, SILENT }

    static final String FAILURE_REASON = "amplifier fault";

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final ExecutorService devices = Executors.newSingleThreadExecutor();
    private final Function<String, List<String>> onlineMembersOfGroup;
    private volatile BiConsumer<String, byte[]> resultHandler = (device, payload) -> { };

    AnsweringDevices(RecordingPublisher publisher, Function<String, List<String>> onlineMembersOfGroup) {
        this.onlineMembersOfGroup = onlineMembersOfGroup;
        publisher.deliverTo(this::receive);
    }

    void answerWith(BiConsumer<String, byte[]> handler) {
        this.resultHandler = handler;
    }

    public void answer(String deviceId, Answer answer) {
        answers.put(deviceId, answer);
    }

    @Override
    public void close() {
        devices.shutdownNow();
    }

    private void receive(OutboundMessage message) {
        Topics.parseDevice(message.topic())
                .filter(t -> t.kind() == DeviceTopic.COMMAND)
                .ifPresent(t -> deliver(t.deviceId(), message.payload()));
        Topics.parseGroupCommand(message.topic())
                .ifPresent(g -> onlineMembersOfGroup.apply(g).forEach(d -> deliver(d, message.payload())));
    }

    private void deliver(String deviceId, byte[] payload) {
        Answer answer = answers.getOrDefault(deviceId, Answer.OK);
        if (answer == Answer.SILENT) {
            return;
        }
        Command command;
        try {
            command = MessageCodec.decode(payload, Command.class, PayloadLimits.COMMAND_BYTES);
        } catch (InvalidMessageException e) {
            throw new AssertionError("the server published an invalid command", e);
        }
        CommandResult result = answer == Answer.OK ? CommandResult.ok(command.id())
                : CommandResult.failed(command.id(), FAILURE_REASON);
        devices.execute(() -> resultHandler.accept(deviceId, MessageCodec.encode(result)));
    }
}
