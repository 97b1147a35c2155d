package vn.loa.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import vn.loa.broker.acl.AclAuthorizer;
import vn.loa.broker.acl.RefusalLog;
import vn.loa.broker.acl.TopicAcl;
import vn.loa.broker.auth.AsyncAuthenticator;
import vn.loa.broker.auth.AuthenticationPool;
import vn.loa.broker.inbound.InboundDispatcher;
import vn.loa.broker.inbound.InboundPublishInterceptor;
import vn.loa.broker.metrics.BrokerMetrics;
import vn.loa.broker.outbound.ServerPublisher;
import vn.loa.broker.presence.PresenceListener;
import vn.loa.broker.session.ConnectedClients;
import vn.loa.broker.will.WillGuard;

import java.util.function.Consumer;

/**
 * Loa's embedded HiveMQ extension: registers authentication, the ACL, the Will guard, the inbound hand-off and
 * presence with the broker it runs in, and hands that broker's publishing services back to the server.
 */
final class LoaExtension implements ExtensionMain {
    private final ClientAuthenticator authenticator;
    private final AuthenticationPool authenticationPool;
    private final BrokerLimits limits;
    private final long maxWillDelaySeconds;
    private final TopicAcl acl;
    private final InboundDispatcher dispatcher;
    private final BrokerMetrics metrics;
    private final Consumer<DevicePublisher> onStarted;

    LoaExtension(ClientAuthenticator authenticator, AuthenticationPool authenticationPool, BrokerLimits limits,
                 long maxWillDelaySeconds, TopicAcl acl, InboundDispatcher dispatcher, BrokerMetrics metrics,
                 Consumer<DevicePublisher> onStarted) {
        this.authenticator = authenticator;
        this.authenticationPool = authenticationPool;
        this.limits = limits;
        this.maxWillDelaySeconds = maxWillDelaySeconds;
        this.acl = acl;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.onStarted = onStarted;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        ConnectedClients clients = new ConnectedClients();
        AsyncAuthenticator asyncAuthenticator = new AsyncAuthenticator(authenticator, authenticationPool,
                limits.authTimeout(), clients, metrics);
        AclAuthorizer authorizer = new AclAuthorizer(acl, clients, new RefusalLog(metrics));
        WillGuard willGuard = new WillGuard(maxWillDelaySeconds);
        InboundPublishInterceptor inbound = new InboundPublishInterceptor(acl, clients, dispatcher);
        PresenceListener presence = new PresenceListener(clients, dispatcher, metrics);

        Services.securityRegistry().setAuthenticatorProvider(providerInput -> asyncAuthenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        Services.interceptorRegistry().setConnectInboundInterceptorProvider(providerInput -> willGuard);
        Services.initializerRegistry().setClientInitializer(
                (initializerInput, context) -> context.addPublishInboundInterceptor(inbound));
        Services.eventRegistry().setClientLifecycleEventListener(providerInput -> presence);
        onStarted.accept(new ServerPublisher(Services.publishService(), Services.clientService(),
                Services.subscriptionStore(), metrics));
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // The broker drops the registrations itself; EmbeddedBroker stops the pools.
    }
}
