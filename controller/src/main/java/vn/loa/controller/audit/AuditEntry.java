package vn.loa.controller.audit;

import java.time.Instant;

/** One line of the audit log: who did what, when, to which target. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String detail) {
}
