package vn.loa.controller.media;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.Routes;

/**
 * {@code /api/media}: upload (multipart field {@code file}, optional {@code title}), list, read, listen and
 * delete. An upload whose Content-Length is over the limit is refused before its body is read.
 */
public final class MediaRoutes implements Routes {
    static final String UPLOAD_PATH = "/api/media";
    static final String LISTEN_CONTENT_TYPE = "audio/ogg";

    private final MediaService media;

    public MediaRoutes(MediaService media) {
        this.media = media;
    }

    @Override
    public void register(Javalin app) {
        app.post(UPLOAD_PATH, this::upload);
        app.get("/api/media", ctx -> ctx.json(media.list(Caller.of(ctx), Paging.of(ctx))));
        app.get("/api/media/{id}", ctx -> ctx.json(media.get(Caller.of(ctx), id(ctx))));
        app.get("/api/media/{id}/audio", this::listen);
        app.delete("/api/media/{id}", ctx -> {
            media.delete(Caller.of(ctx), id(ctx));
            ctx.status(204);
        });
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

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("media item");
        }
    }
}
