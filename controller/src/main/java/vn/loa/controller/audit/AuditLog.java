package vn.loa.controller.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/** Who did what to which target, kept for the audit report. */
public final class AuditLog {
    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(String actor, String action, String target, String detail) {
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (:at, :actor, :action, :target, :detail)")
                .bind("at", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                .bind("actor", actor)
                .bind("action", action)
                .bind("target", target)
                .bind("detail", detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000))
                .execute());
    }
}
