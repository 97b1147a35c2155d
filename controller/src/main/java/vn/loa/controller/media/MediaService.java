package vn.loa.controller.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ListPage;
import vn.loa.controller.http.Paging;
import vn.loa.streamer.media.IngestedMedia;
import vn.loa.streamer.media.MediaLibrary;
import vn.loa.streamer.media.MediaRejectedException;

/**
 * The media library as the API offers it: uploads are spooled, checked for duplicates by SHA-256, ingested
 * (decoded, normalised, pre-encoded) by the streamer's {@link MediaLibrary}, then recorded. Editors and above add
 * to it, viewers and above read it. An item belongs to its uploader's area: users see the items of their own area,
 * of the areas above it and of those inside it. An item is a draft until an approver whose area holds it approves
 * it; an item added by an approver (or above) is approved at once.
 */
public final class MediaService {
    public static final int MAX_TITLE_LENGTH = 300;
    public static final int MAX_FILE_NAME_LENGTH = 255;
    /** Longest reviewer's note, and longest search text of a list. */
    public static final int MAX_NOTE_LENGTH = 1000;
    public static final int MAX_SEARCH_LENGTH = 200;
    /** Room in a multipart request for its boundaries, part headers and the title field. */
    public static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;
    private static final String UNNAMED_FILE = "upload";

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);

    private final MediaRepository repository;
    private final MediaLibrary library;
    private final MediaUsage usage;
    private final AuditLog audit;
    private final AreaScopes scopes;
    private final Path spoolDirectory;
    private final long maxUploadBytes;
    private final Clock clock;
    private volatile LongConsumer withdrawn = id -> { };

    public MediaService(Jdbi jdbi, MediaLibrary library, MediaUsage usage, AuditLog audit, AreaScopes scopes,
                        Path spoolDirectory, long maxUploadBytes, Clock clock) {
        this.repository = new MediaRepository(jdbi);
        this.library = library;
        this.usage = usage;
        this.audit = audit;
        this.scopes = scopes;
        this.spoolDirectory = spoolDirectory;
        this.maxUploadBytes = maxUploadBytes;
        this.clock = clock;
        prepareSpool();
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /**
     * Stores an upload. 409 with the existing item's id for a duplicate, 422 with the reason for audio the library
     * refuses; either way nothing is kept.
     *
     * @param title the operator's title, or null to take it from the file's tags or name
     */
    public MediaItem upload(Caller caller, InputStream content, String fileName, String title) {
        caller.require(Role.EDITOR);
        return store(caller, content, fileName, title, null);
    }

    /**
     * Stores a bulletin the server spoke for the caller: the checks, refusals, review state and audit of
     * {@link #upload}; the caller's role is the speaking side's to check (an emergency may be spoken inline).
     */
    public MediaItem storeSpoken(Caller caller, InputStream content, String fileName, String title,
                                 SpokenText spoken) {
        return store(caller, content, fileName, title, spoken);
    }

    private MediaItem store(Caller caller, InputStream content, String fileName, String title, SpokenText spoken) {
        String originalName = cleanFileName(fileName);
        String chosenTitle = cleanText("title", title, MAX_TITLE_LENGTH);
        try (SpooledUpload upload = SpooledUpload.copy(content, spoolDirectory, maxUploadBytes)) {
            refuseDuplicate(caller, upload.sha256());
            IngestedMedia ingested = ingest(upload.file(), originalName);
            refuseDuplicate(caller, ingested.sha256());
            MediaItem item = record(caller, ingested, originalName, chosenTitle, spoken);
            audit.record(caller.username(), "media.upload", "media:" + item.id(), "\"" + item.title() + "\" "
                    + item.kind() + " " + item.format() + " " + item.durationMs() + " ms sha256=" + item.sha256()
                    + ", " + item.approval() + (item.approval() == Approval.approved ? " (added by an approver)" : ""));
            log.info("media {} \"{}\" uploaded by {}: {} ms, {} LUFS, gain {} dB", item.id(), item.title(),
                    caller.username(), item.durationMs(), item.sourceLoudnessLufs(), item.gainDb());
            return item;
        }
    }

    /** The items the caller sees, newest first, in review state {@code approval} (null: any), matching {@code q}. */
    public ListPage<MediaItem> list(Caller caller, Approval approval, String q, Paging page) {
        caller.require(Role.VIEWER);
        String search = cleanText("q", q, MAX_SEARCH_LENGTH);
        return repository.list(new MediaRepository.Filter(scopePrefix(caller), approval, search), page);
    }

    public MediaItem get(Caller caller, long id) {
        caller.require(Role.VIEWER);
        return repository.findVisible(id, scopePrefix(caller)).orElseThrow(() -> ApiException.notFound("media item"));
    }

    /** The normalised audio as a browser-playable Ogg Opus file. */
    public Path listenFile(Caller caller, long id) {
        return library.listenFile(get(caller, id).sha256());
    }

    /**
     * 409 while a running stream plays the item or an enabled schedule will; 403 for an item of an area above the
     * caller's.
     */
    public void delete(Caller caller, long id) {
        caller.require(Role.EDITOR);
        MediaItem item = owned(caller, id, "delete");
        List<String> streams = usage.streams().apply(id);
        if (!streams.isEmpty()) {
            throw ApiException.conflict("the media item is playing in a stream", Map.of("streams", streams));
        }
        List<Long> schedules = usage.schedules().apply(id);
        if (!schedules.isEmpty()) {
            throw ApiException.conflict("the media item is in a schedule", Map.of("schedules", schedules));
        }
        if (repository.delete(id)) {
            library.delete(item.sha256());
            audit.record(caller.username(), "media.delete", "media:" + id, "\"" + item.title() + "\"");
        }
    }

    /** Approves a draft or a rejected item; 409 when it is approved already. */
    public MediaItem approve(Caller caller, long id, String note) {
        return review(caller, id, Approval.approved, note);
    }

    /** Who hears of an approved item withdrawn from the air (the broadcasts); set once while wiring. */
    public void onWithdrawn(LongConsumer listener) {
        this.withdrawn = listener;
    }

    /**
     * Rejects a draft, or withdraws an approved item from the air (the broadcasts playing it end); 409 when it is
     * rejected already.
     */
    public MediaItem reject(Caller caller, long id, String note) {
        return review(caller, id, Approval.rejected, note);
    }

    private MediaItem review(Caller caller, long id, Approval decision, String note) {
        caller.require(Role.APPROVER);
        String cleanNote = cleanText("note", note, MAX_NOTE_LENGTH);
        MediaItem item = owned(caller, id, "review");
        if (item.approval() == decision) {
            throw ApiException.conflict("media " + id + " is already " + decision,
                    reviewDetail(item));
        }
        if (!repository.review(id, item.approval(), decision, caller.username(), clock.instant(), cleanNote)) {
            throw ApiException.conflict("media " + id + " was reviewed by someone else meanwhile", null);
        }
        boolean withdrawal = item.approval() == Approval.approved && decision == Approval.rejected;
        List<Long> schedules = withdrawal ? usage.schedules().apply(id) : List.of();
        audit.record(caller.username(), "media." + (decision == Approval.approved ? "approve" : "reject"),
                "media:" + id, "\"" + item.title() + "\" was " + item.approval()
                        + (cleanNote == null ? "" : "; note: " + cleanNote)
                        + (schedules.isEmpty() ? "" : "; schedules that will not play it: " + schedules));
        log.info("media {} \"{}\" {} by {}", id, item.title(), decision, caller.username());
        if (withdrawal) {
            if (!schedules.isEmpty()) {
                log.warn("media {} withdrawn: schedules {} list it and will be refused when they next start", id,
                        schedules);
            }
            withdrawn.accept(id);
        }
        return get(caller, id);
    }

    /** Of these items, those that may not go on air now: not approved, or no longer in the library. */
    public List<Long> notApproved(List<Long> ids) {
        return ids.stream()
                .distinct()
                .filter(id -> repository.find(id).map(item -> item.approval() != Approval.approved).orElse(true))
                .toList();
    }

    /** The items in the order given, for a stream's playlist; 404 naming the first unknown id. */
    public List<MediaItem> require(List<Long> ids) {
        List<MediaItem> items = new ArrayList<>(ids.size());
        for (long id : ids) {
            items.add(repository.find(id).orElseThrow(() -> ApiException.notFound("media item " + id)));
        }
        return items;
    }

    /**
     * The items the caller may put on air, in the order given (repeats kept): 404 naming those that do not exist or
     * that the caller does not see. Their review state is the caller's to judge.
     */
    public List<MediaItem> requireVisible(Caller caller, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, MediaItem> found = repository.visibleAmong(ids, scopePrefix(caller)).stream()
                .collect(Collectors.toMap(MediaItem::id, Function.identity()));
        List<Long> unknown = ids.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(404, "media not found", Map.of("media", unknown));
        }
        return ids.stream().map(found::get).toList();
    }

    /** The item's pre-encoded Opus frames, in order. */
    public List<byte[]> frames(MediaItem item) {
        return library.frames(item.sha256());
    }

    /** The item, when the caller sees it (404 otherwise) and its area lies inside the caller's (403 otherwise). */
    private MediaItem owned(Caller caller, long id, String action) {
        MediaItem item = get(caller, id);
        if (!scopes.covers(caller, item.areaId())) {
            throw new ApiException(403, "only a user whose area holds the media item may " + action + " it",
                    Map.of("areaId", String.valueOf(item.areaId())));
        }
        return item;
    }

    private String scopePrefix(Caller caller) {
        return scopes.scopePrefix(caller).orElse(null);
    }

    private static Map<String, Object> reviewDetail(MediaItem item) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("approval", item.approval().name());
        detail.put("approvedBy", item.approvedBy());
        detail.put("approvedAt", item.approvedAt() == null ? null : item.approvedAt().toString());
        return detail;
    }

    /** 409 naming the existing item to a caller who sees it; to others, only that it is in another area. */
    private void refuseDuplicate(Caller caller, String sha256) {
        repository.findBySha256(sha256).ifPresent(existing -> {
            if (repository.visibleAmong(List.of(existing.id()), scopePrefix(caller)).isEmpty()) {
                throw ApiException.conflict("the same audio is already in the library, in an area you do not see",
                        null);
            }
            throw ApiException.conflict("the same audio is already in the library",
                    Map.of("id", existing.id(), "title", existing.title()));
        });
    }

    private IngestedMedia ingest(Path file, String originalName) {
        try {
            return library.ingest(file, originalName);
        } catch (MediaRejectedException e) {
            throw new ApiException(422, e.getMessage(), Map.of("reason", e.reason().name()));
        }
    }

    /**
     * Inserts the row, approved at once when the caller is an approver (or above), a draft otherwise; if that fails
     * the library's files go too, unless a concurrent upload of the same audio won.
     */
    private MediaItem record(Caller caller, IngestedMedia ingested, String originalName, String title,
                             SpokenText spoken) {
        String finalTitle = title != null ? title
                : firstNonBlank(cleanTextOrNull(ingested.title()), withoutExtension(originalName));
        Instant now = clock.instant();
        boolean approver = caller.role().atLeast(Role.APPROVER);
        MediaItem item = new MediaItem(0, ingested.sha256(), finalTitle, cleanTextOrNull(ingested.artist()),
                originalName, ingested.format(), ingested.durationMillis(), ingested.sourceLoudnessLufs(),
                ingested.gainDb(), ingested.frameMillis(), ingested.sizeBytes(), caller.username(), now,
                approver ? Approval.approved : Approval.draft, approver ? caller.username() : null,
                approver ? now : null, null, spoken == null ? MediaKind.upload : MediaKind.tts,
                spoken == null ? null : spoken.text(), spoken == null ? null : spoken.voice(), caller.areaId());
        try {
            return repository.insert(item);
        } catch (RuntimeException e) {
            refuseDuplicate(caller, ingested.sha256());
            library.delete(ingested.sha256());
            throw e;
        }
    }

    private static String cleanFileName(String fileName) {
        if (fileName == null) {
            return UNNAMED_FILE;
        }
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        String clean = Normalizer.normalize(base, Normalizer.Form.NFC).codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.isEmpty()) {
            return UNNAMED_FILE;
        }
        return clean.length() <= MAX_FILE_NAME_LENGTH ? clean : clean.substring(0, MAX_FILE_NAME_LENGTH);
    }

    /** The operator's text in NFC, null when blank; 400 when too long or holding control characters. */
    private static String cleanText(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String clean = Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
        if (clean.length() > maxLength || clean.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("invalid field", field + " must be at most " + maxLength
                    + " printable characters");
        }
        return clean;
    }

    /** A tag's text cut to the title limit, control characters dropped; null when blank. */
    private static String cleanTextOrNull(String tag) {
        if (tag == null) {
            return null;
        }
        String clean = Normalizer.normalize(tag, Normalizer.Form.NFC).replaceAll("\\p{Cntrl}", "").strip();
        if (clean.isEmpty()) {
            return null;
        }
        return clean.length() <= MAX_TITLE_LENGTH ? clean : clean.substring(0, MAX_TITLE_LENGTH);
    }

    private static String withoutExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String firstNonBlank(String first, String second) {
        return first != null ? first : second;
    }

    /**
     * Creates the spool directory (the HTTP server buffers large multipart parts there too) and removes what
     * uploads interrupted by a crash or a kill left behind; nothing else lives there.
     */
    private void prepareSpool() {
        try {
            Files.createDirectories(spoolDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + spoolDirectory, e);
        }
        try (Stream<Path> leftovers = Files.list(spoolDirectory)) {
            for (Path file : leftovers.filter(p -> p.getFileName().toString().startsWith(SpooledUpload.PREFIX)).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the upload directory " + spoolDirectory, e);
        }
    }
}
