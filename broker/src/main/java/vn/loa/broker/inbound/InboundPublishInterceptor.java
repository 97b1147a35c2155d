package vn.loa.broker.inbound;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.acl.TopicAcl;
import vn.loa.broker.session.ConnectedClients;
import vn.loa.broker.util.ByteBuffers;
import vn.loa.protocol.Topics;

/**
 * Copies every allowed device publish and provisioning request to the {@link InboundDispatcher}. HiveMQ runs
 * inbound interceptors before the authorizer, so this applies the same {@link TopicAcl} and leaves anything it
 * would deny alone, for the authorizer to refuse and count. Provisioning requests are for the server only: their
 * onward delivery is prevented (the client still gets a successful acknowledgement).
 */
public record InboundPublishInterceptor(TopicAcl acl, ConnectedClients clients, InboundDispatcher dispatcher) implements PublishInboundInterceptor {
    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String clientId = input.getClientInformation().getClientId();
        PublishPacket publish = input.getPublishPacket();
        String topic = publish.getTopic();
        BrokerPrincipal principal = clients.principalOf(input).orElse(null);
        if (principal == null || !acl.mayPublish(principal, clientId, topic)) {
            return;
        }
        byte[] payload = publish.getPayload().map(ByteBuffers::copy).orElseGet(() -> new byte[0]);
        if (principal instanceof BrokerPrincipal.Device) {
            Topics.parseDevice(topic).ifPresent(name -> dispatcher.deviceMessage(clientId, name.kind(), payload));
        } else if (principal instanceof BrokerPrincipal.Provisioning provisioning) {
            dispatcher.provisionRequest(clientId, provisioning.serial(), payload);
            output.preventPublishDelivery();
        }
    }
}
