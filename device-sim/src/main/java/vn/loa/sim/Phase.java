package vn.loa.sim;

/** Where a simulated speaker is in its life. */
public enum Phase {
    /** Not started, or stopped (cleanly or by a power cut). */
    STOPPED,
    /** Connected with the provisioning key, waiting for the reply. */
    PROVISIONING,
    /** The server said "pending": asks again later. */
    PENDING,
    /** The server rejected the serial (or refused the provisioning key); the speaker gave up. */
    REJECTED,
    /** Connecting with its own credentials, for the first time since start. */
    CONNECTING,
    ONLINE,
    /** Lost its connection (or is rebooting) and is waiting for the next attempt. */
    RECONNECTING,
    /** The broker refused its credentials: revoked. The speaker gave up. */
    REVOKED
}
