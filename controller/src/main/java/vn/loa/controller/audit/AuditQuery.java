package vn.loa.controller.audit;

import java.time.Instant;

/**
 * Which audit entries to read. Null filters do not filter.
 *
 * @param action an action ({@code device.create}) or a family of them: {@code device} matches every
 *               {@code device.*} action too; a method ({@code DELETE}) matches every API request of that method,
 *               recorded as {@code DELETE /api/media/{id}}
 */
public record AuditQuery(Instant from, Instant to, String actor, String action, String target) {
}
