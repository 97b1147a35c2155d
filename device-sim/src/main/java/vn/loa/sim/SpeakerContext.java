package vn.loa.sim;

import vn.loa.sim.audio.AudioPlane;
import vn.loa.sim.mqtt.FleetExecutor;
import vn.loa.sim.mqtt.MqttEndpoint;
import vn.loa.sim.provision.CredentialsStore;

/** What every speaker of a fleet shares. */
record SpeakerContext(
        FleetOptions options,
        MqttEndpoint endpoint,
        FleetExecutor executor,
        CredentialsStore credentials,
        FleetCounters counters,
        AudioPlane audio) {
}
