package vn.loa.sim;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandResult;

/**
 * Decides what a speaker answers to one command message: decodes it (an invalid one with a readable id is
 * answered {@code failed}, one without is dropped and counted), recognises redeliveries, refuses expired
 * commands and applies the settings commands. Reboot and new-secret commands are returned to the speaker,
 * which owns the connection.
 */
final class CommandHandler {
    /** How many answered command ids a speaker remembers to recognise redeliveries. */
    static final int RECENT_COMMANDS = 256;
    /** {@code CommandResult.reason} is at most this long on the wire. */
    static final int MAX_REASON_LENGTH = 256;

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final String serial;
    private final SpeakerSettings settings;
    private final FleetCounters counters;
    private final boolean neverAcks;
    private final RecentResults recent = new RecentResults(RECENT_COMMANDS);
    private final AtomicLong received = new AtomicLong();

    /** What the speaker must do besides answering. */
    enum FollowUp { NONE, REBOOT, NEW_SECRET, PLAY, STOP }

    /**
     * An answer to send. For {@link FollowUp#NEW_SECRET} the speaker stores {@code command.secret()} first and
     * answers {@link #secretNotStored} instead of {@code result} if it cannot; for {@link FollowUp#PLAY} it answers
     * whatever starting the playback says.
     */
    record Reply(Command command, CommandResult result, byte[] correlation, FollowUp followUp) {
        CommandResult secretNotStored() {
            return CommandResult.failed(command.id(), "cannot store the new secret");
        }
    }

    CommandHandler(String serial, SpeakerSettings settings, FleetCounters counters, boolean neverAcks) {
        this.serial = serial;
        this.settings = settings;
        this.counters = counters;
        this.neverAcks = neverAcks;
    }

    /** The reply to send, or null when the message gets none (unreadable, or this speaker never acks). */
    Reply handle(MqttMessage message) {
        received.incrementAndGet();
        counters.commandsReceived.increment();
        byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
        Command command;
        try {
            command = MessageCodec.decode(message.getPayload(), Command.class, PayloadLimits.COMMAND_BYTES);
        } catch (InvalidMessageException e) {
            String id = CommandIds.readable(message.getPayload());
            if (id == null) {
                counters.invalidDropped.increment();
                log.warn("{}: dropped an unreadable command ({}: {})", serial, e.reason().label(), e.getMessage());
                return null;
            }
            String reason = e.reason().label() + ": " + e.getMessage();
            CommandResult failed = CommandResult.failed(id, reason.length() <= MAX_REASON_LENGTH
                    ? reason : reason.substring(0, MAX_REASON_LENGTH));
            return neverAcks ? null : new Reply(null, failed, correlation, FollowUp.NONE);
        }
        if (neverAcks) {
            return null;
        }
        CommandResult earlier = recent.get(command.id());
        if (earlier != null) {
            return new Reply(command, earlier, correlation, FollowUp.NONE);
        }
        if (command.expiredAt(System.currentTimeMillis())) {
            return new Reply(command, CommandResult.failed(command.id(), "expired"), correlation, FollowUp.NONE);
        }
        FollowUp followUp = settings.apply(command) ? FollowUp.NONE : switch (command.type()) {
            case reboot -> FollowUp.REBOOT;
            case credentials -> FollowUp.NEW_SECRET;
            case play -> FollowUp.PLAY;
            case stop -> FollowUp.STOP;
            default -> FollowUp.NONE; // ping: answering is all it asks
        };
        return new Reply(command, CommandResult.ok(command.id()), correlation, followUp);
    }

    /** Records the answer actually sent, so a redelivery of the same id gets it again. */
    void answered(CommandResult result) {
        recent.put(result.id(), result);
    }

    long received() {
        return received.get();
    }
}
