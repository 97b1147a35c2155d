package vn.loa.controller.broadcast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.media.Approval;
import vn.loa.controller.media.MediaItem;
import vn.loa.controller.media.MediaService;
import vn.loa.controller.stream.SourceSpec;

/**
 * Only reviewed content goes on air: every media item a broadcast or a schedule plays (its playlist, a relay's
 * fallback) must exist, be seen by the caller and be approved (409 otherwise), and text is spoken inline only by the
 * emergency role (others write a bulletin, which is reviewed). An EMERGENCY sent by the emergency role may play
 * unreviewed items: lives come first, and the audit log says so ({@code content.unreviewed}).
 */
public final class OnAirContent {
    static final String UNREVIEWED_ACTION = "content.unreviewed";

    private final MediaService media;
    private final AuditLog audit;
    private final Role emergencyRole;

    public OnAirContent(MediaService media, AuditLog audit, Role emergencyRole) {
        this.media = media;
        this.audit = audit;
        this.emergencyRole = emergencyRole;
    }

    /**
     * Refuses the source unless the caller may put its content on air at this priority.
     *
     * @throws ApiException 404 naming media the caller does not see, 409 naming one not approved, 403 for inline text
     */
    public void require(Caller caller, SourceSpec source, Priority priority) {
        if (source.type() == SourceSpec.Type.tts && !caller.role().atLeast(emergencyRole)) {
            throw new ApiException(403, "text is spoken inline only by the emergency role ("
                    + emergencyRole.name().toLowerCase() + "): write a bulletin (POST /api/media/tts) to have it"
                    + " approved", null);
        }
        List<MediaItem> items = media.requireVisible(caller, source.playedMedia());
        if (exempt(caller, priority)) {
            return;
        }
        for (MediaItem item : items) {
            if (item.approval() != Approval.approved) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("media", item.id());
                detail.put("title", item.title());
                detail.put("approval", item.approval().name());
                throw ApiException.conflict("media " + item.id() + " is not approved", detail);
            }
        }
    }

    /**
     * The items of a source that are not approved now (or no longer exist): a schedule that lists one is refused when
     * its next occurrence starts.
     */
    public List<Long> unapproved(SourceSpec source) {
        return media.notApproved(source.playedMedia());
    }

    /** Records the unreviewed items an exempt EMERGENCY put on air, if any. */
    void auditUnreviewed(Caller caller, String broadcastId, SourceSpec source, Priority priority) {
        if (!exempt(caller, priority)) {
            return;
        }
        String unreviewed = media.requireVisible(caller, source.playedMedia()).stream()
                .filter(item -> item.approval() != Approval.approved)
                .distinct()
                .map(item -> "media " + item.id() + " \"" + item.title() + "\" (" + item.approval() + ")")
                .collect(Collectors.joining(", "));
        if (!unreviewed.isEmpty()) {
            audit.record(caller.username(), UNREVIEWED_ACTION, "broadcast:" + broadcastId,
                    "EMERGENCY played unreviewed " + unreviewed);
        }
    }

    /** Whether this caller's broadcast at this priority may play unreviewed content. */
    boolean exempt(Caller caller, Priority priority) {
        return priority == Priority.EMERGENCY && caller.role().atLeast(emergencyRole);
    }
}
