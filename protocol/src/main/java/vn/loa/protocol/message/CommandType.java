package vn.loa.protocol.message;

/** What a command asks of a device; the wire name is the constant's name. */
public enum CommandType {
    /** {@code value}: 0..100. */
    volume,
    mute,
    unmute,
    /** {@code value}: true switches the amplifier on, false off. */
    amplifier,
    reboot,
    /** Answered with {@code ok} and nothing else: a liveness check. */
    ping,
    /** {@code secret}: the device's new MQTT password, to use from its next connection on. */
    credentials,
    /** {@code play}: a {@link PlayOrder}; the device joins the stream and reports playback events. */
    play,
    /** {@code value}: the id of the stream to leave. */
    stop
}
