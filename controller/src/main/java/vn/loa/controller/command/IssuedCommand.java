package vn.loa.controller.command;

import java.time.Instant;
import vn.loa.protocol.message.CommandType;

/** A command as issued: everything about it except the per-device results. */
public record IssuedCommand(String id, CommandType type, Object value, CommandTarget target, String createdBy,
                            Instant createdAt, Instant expiresAt) {
}
