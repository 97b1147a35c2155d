package vn.loa.controller.schedule;

import java.time.Instant;

/** A stored programme: what it plays and when, and who made and last changed it. */
public record Schedule(long id, ScheduleDraft draft, String createdBy, Instant createdAt, String updatedBy,
                       Instant updatedAt) {
}
