package vn.loa.controller.http;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /api/openapi.json}: the hand-written OpenAPI 3.0 description of the whole API. */
public final class OpenApiRoutes implements Routes {
    public static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    public OpenApiRoutes() {
        this.document = load();
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/openapi.json", ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(document));
    }

    /** The document's bytes as shipped in the jar. */
    public static byte[] load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
