package vn.loa.controller.command;

import vn.loa.protocol.message.CommandType;

/** The answer to a command request: the command was issued to {@code devices} devices. */
public record AcceptedCommand(String id, CommandType type, Object value, CommandTarget target, int devices,
                              String expiresAt) {
}
