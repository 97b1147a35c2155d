package vn.loa.broker.acl;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import vn.loa.broker.session.ConnectedClients;

/** Applies {@link TopicAcl} to every PUBLISH (including a Will) and every subscription; denies by default. */
public record AclAuthorizer(TopicAcl acl, ConnectedClients clients, RefusalLog refusals) implements PublishAuthorizer, SubscriptionAuthorizer {
    private static final String REFUSED = "Not allowed on this topic";

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String clientId = input.getClientInformation().getClientId();
        String topic = input.getPublishPacket().getTopic();
        if (clients.principalOf(input).filter(p -> acl.mayPublish(p, clientId, topic)).isPresent()) {
            output.authorizeSuccessfully();
        } else {
            refusals.refused("publish", clientId, topic);
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, REFUSED);
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String clientId = input.getClientInformation().getClientId();
        String filter = input.getSubscription().getTopicFilter();
        if (clients.principalOf(input).filter(p -> acl.maySubscribe(p, clientId, filter)).isPresent()) {
            output.authorizeSuccessfully();
        } else {
            refusals.refused("subscribe", clientId, filter);
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, REFUSED);
        }
    }
}
