package vn.loa.broker;

/**
 * Where the broker keeps sessions, subscriptions, queued messages and retained messages.
 *
 * <p>{@link #MEMORY} is the default: every QoS 1 command a speaker receives then costs no disk transaction (with
 * {@link #FILE}, HiveMQ's on-disk queues took about 40 % of the server's CPU during an area-wide command). What a
 * restart loses instead is rebuilt: speakers reconnect, find no session and subscribe again (as the device
 * protocol requires), republish their retained birth, and the server republishes every speaker's retained desired
 * state as it starts. Only commands queued for a speaker that was offline across the restart are lost; they time
 * out and say so in their results. {@link #FILE} keeps those too.
 */
public enum SessionStorage {
    MEMORY("in-memory"),
    FILE("file");

    private final String hivemqMode;

    SessionStorage(String hivemqMode) {
        this.hivemqMode = hivemqMode;
    }

    /** The value of HiveMQ's {@code <persistence><mode>}. */
    public String hivemqMode() {
        return hivemqMode;
    }
}
