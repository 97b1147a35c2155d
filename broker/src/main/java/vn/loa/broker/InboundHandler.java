package vn.loa.broker;

import vn.loa.protocol.DeviceTopic;

/**
 * Receives what devices send and when they come and go. The broker never calls it on its own threads: events
 * are queued and delivered in order per client on the broker's dispatch threads, so an implementation may
 * block briefly (a database write) without stalling MQTT traffic.
 */
public interface InboundHandler {

    /** A device published on one of its own topics ({@code state}, {@code tele}, {@code evt}, {@code res}). */
    void onDeviceMessage(String deviceId, DeviceTopic topic, byte[] payload);

    /** A provisioning client published its request on {@code loa/v1/prov/{serial}/req}. */
    void onProvisionRequest(String serial, byte[] payload);

    /** A client's connection was authenticated and is open. */
    void onConnected(ClientSession session);

    /**
     * A client's connection closed, for whatever reason. For a device with a Will, the broker publishes the Will
     * after {@link ClientSession#willDelaySeconds()} unless the device reconnects first.
     */
    void onDisconnected(ClientSession session);
}
