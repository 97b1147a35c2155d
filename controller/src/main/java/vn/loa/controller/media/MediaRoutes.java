package vn.loa.controller.media;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;

/**
 * {@code /api/media}: upload (multipart field {@code file}, optional {@code title}), list (filtered by
 * {@code ?approval=draft|approved|rejected} and {@code ?q=} text), read, listen, delete, and review
 * ({@code POST .../approve}, {@code POST .../reject}, each with an optional {@code {"note": ...}}). An upload whose
 * Content-Length is over the limit is refused before its body is read.
 */
public final class MediaRoutes implements Routes {
    static final String UPLOAD_PATH = "/api/media";
    static final String LISTEN_CONTENT_TYPE = "audio/ogg";
    private static final Set<String> REVIEW_FIELDS = Set.of("note");

    private final MediaService media;

    public MediaRoutes(MediaService media) {
        this.media = media;
    }

    @Override
    public void register(Javalin app) {
        app.post(UPLOAD_PATH, this::upload);
        app.get("/api/media", ctx -> ctx.json(media.list(Caller.of(ctx), approval(ctx), QueryParams.text(ctx, "q"),
                Paging.of(ctx))));
        app.get("/api/media/{id}", ctx -> ctx.json(media.get(Caller.of(ctx), id(ctx))));
        app.get("/api/media/{id}/audio", this::listen);
        app.delete("/api/media/{id}", ctx -> {
            media.delete(Caller.of(ctx), id(ctx));
            ctx.status(204);
        });
        app.post("/api/media/{id}/approve", ctx -> ctx.json(media.approve(Caller.of(ctx), id(ctx), note(ctx))));
        app.post("/api/media/{id}/reject", ctx -> ctx.json(media.reject(Caller.of(ctx), id(ctx), note(ctx))));
    }

    @Override
    public Map<String, Long> bodyLimits() {
        return Map.of("POST " + UPLOAD_PATH, media.maxUploadBytes() + MediaService.MULTIPART_OVERHEAD_BYTES);
    }

    private void upload(Context ctx) throws IOException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.EDITOR);
        UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("file") : null;
        if (file == null) {
            throw ApiException.badRequest("a multipart/form-data body with a 'file' part is required", null);
        }
        try (InputStream content = file.content()) {
            ctx.status(201).json(media.upload(caller, content, file.filename(), ctx.formParam("title")));
        }
    }

    private void listen(Context ctx) throws IOException {
        Path file = media.listenFile(Caller.of(ctx), id(ctx));
        ctx.writeSeekableStream(Files.newInputStream(file), LISTEN_CONTENT_TYPE, Files.size(file));
    }

    private static Approval approval(Context ctx) {
        String text = QueryParams.text(ctx, "approval");
        if (text == null) {
            return null;
        }
        return Approval.parse(text)
                .orElseThrow(() -> QueryParams.invalid("approval", "must be draft, approved or rejected"));
    }

    /** The reviewer's note; the length and characters are the service's to check. */
    private static String note(Context ctx) {
        var note = JsonBody.of(ctx, REVIEW_FIELDS).node("note");
        if (note != null && !note.isTextual()) {
            throw ApiException.badRequest("invalid field", "note must be a string");
        }
        return note == null ? null : note.asText();
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("media item");
        }
    }
}
