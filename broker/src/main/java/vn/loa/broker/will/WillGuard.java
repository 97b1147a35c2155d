package vn.loa.broker.will;

import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.ModifiableConnectPacket;
import com.hivemq.extension.sdk.api.packets.publish.ModifiableWillPublish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Ids;
import vn.loa.protocol.Topics;

/**
 * Keeps Wills to what presence needs: a client's Will may only announce its own {@code state} (anything else is
 * dropped, the connection still goes ahead), and its delay is capped so an outage is noticed in bounded time.
 * Runs before authentication, so it judges by client id; the ACL then checks the Will against the principal.
 */
public final class WillGuard implements ConnectInboundInterceptor {
    private static final Logger log = LoggerFactory.getLogger(WillGuard.class);

    private final long maxWillDelaySeconds;

    public WillGuard(long maxWillDelaySeconds) {
        this.maxWillDelaySeconds = maxWillDelaySeconds;
    }

    @Override
    public void onConnect(ConnectInboundInput input, ConnectInboundOutput output) {
        ModifiableConnectPacket connect = output.getConnectPacket();
        connect.getModifiableWillPublish().ifPresent(will -> guard(connect, will));
    }

    private void guard(ModifiableConnectPacket connect, ModifiableWillPublish will) {
        String clientId = connect.getClientId();
        if (!isOwnStateTopic(clientId, will.getTopic())) {
            log.info("Dropped the Will of client '{}': '{}' is not its own state topic", clientId, will.getTopic());
            connect.setWillPublish(null);
        } else if (will.getWillDelay() > maxWillDelaySeconds) {
            log.debug("Capped the Will delay of client '{}' from {} s to {} s", clientId, will.getWillDelay(),
                    maxWillDelaySeconds);
            will.setWillDelay(maxWillDelaySeconds);
        }
    }

    private static boolean isOwnStateTopic(String clientId, String topic) {
        return Ids.isDeviceId(clientId) && Topics.device(clientId, DeviceTopic.STATE).equals(topic);
    }
}
