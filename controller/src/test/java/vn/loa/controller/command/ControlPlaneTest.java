package vn.loa.controller.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.OutboundMessage;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.DesiredState;

/** A fresh {@link ControlPlaneFixture} in a temporary directory for every test. */
public abstract class ControlPlaneTest {
    @TempDir
    protected Path dir;
    protected ControlPlaneFixture fx;

    @BeforeEach
    void startFixture() {
        fx = new ControlPlaneFixture(dir);
    }

    @AfterEach
    void stopFixture() {
        fx.close();
    }

    /** The last desired state published for the device, decoded with the wire contract's checks. */
    protected DesiredState lastDesired(String deviceId) throws InvalidMessageException {
        List<OutboundMessage> messages = fx.publisher.on(Topics.device(deviceId, DeviceTopic.DESIRED));
        assertThat(messages).as("desired states published for " + deviceId).isNotEmpty();
        return MessageCodec.decode(messages.get(messages.size() - 1).payload(), DesiredState.class,
                PayloadLimits.DESIRED_BYTES);
    }
}
