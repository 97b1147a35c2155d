package vn.loa.broker;

/** Who an MQTT connection authenticated as; decides what it may publish and subscribe to. */
public sealed interface BrokerPrincipal {

    /** A registered speaker: its own subtree, its own cmd/desired, its groups' cmd. Client id = device id. */
    record Device(String deviceId) implements BrokerPrincipal {
    }

    /** A speaker with the provisioning key: only its own {@code loa/v1/prov/{serial}/req} and {@code .../res}. */
    record Provisioning(String serial) implements BrokerPrincipal {
    }

    /** An operator or service account: may subscribe to all of {@code loa/v1/#} to watch; publishes nothing. */
    record Service(String username) implements BrokerPrincipal {
    }
}
