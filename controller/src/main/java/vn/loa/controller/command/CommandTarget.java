package vn.loa.controller.command;

/**
 * What a command or a desired-state change is addressed to: one device, a group's members or an area subtree. A
 * broadcast's play and stop commands are recorded against the broadcast, and the fresh play orders a stream sends
 * to speakers that lost it against the stream; those are sent to the devices chosen (by the broadcast's arbitration,
 * by the speakers' own reports), never resolved from the target.
 */
public record CommandTarget(Kind kind, String id) {

    public enum Kind { device, group, area, broadcast, stream }

    public static CommandTarget device(String id) {
        return new CommandTarget(Kind.device, id);
    }

    public static CommandTarget group(String id) {
        return new CommandTarget(Kind.group, id);
    }

    public static CommandTarget area(String id) {
        return new CommandTarget(Kind.area, id);
    }

    public static CommandTarget broadcast(String id) {
        return new CommandTarget(Kind.broadcast, id);
    }

    public static CommandTarget stream(String id) {
        return new CommandTarget(Kind.stream, id);
    }

    /** {@code device:abc}, as the audit log names it. */
    public String label() {
        return kind + ":" + id;
    }
}
