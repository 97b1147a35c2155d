package vn.loa.sim.provision;

import vn.loa.protocol.message.ProvisionReply;

/**
 * How one provisioning attempt ended: the server's reply, or why there was none.
 *
 * @param reply       the server's answer; null if none came
 * @param keyRefused  the broker refused the provisioning key (retrying cannot help)
 * @param failure     why no reply came (timeout, connection error); null with a reply
 */
public record ProvisionOutcome(ProvisionReply reply, boolean keyRefused, String failure) {

    static ProvisionOutcome replied(ProvisionReply reply) {
        return new ProvisionOutcome(reply, false, null);
    }

    static ProvisionOutcome refused(String detail) {
        return new ProvisionOutcome(null, true, detail);
    }

    static ProvisionOutcome failed(String detail) {
        return new ProvisionOutcome(null, false, detail);
    }
}
