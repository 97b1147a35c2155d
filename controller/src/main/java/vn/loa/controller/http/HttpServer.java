package vn.loa.controller.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server with Loa's JSON rules, authentication and error mapping, serving the {@link Routes} the wiring
 * hands it. Knows nothing about features.
 */
public final class HttpServer implements AutoCloseable {
    /** Largest request body accepted (room for an import of 20,000 areas or a CSV of tens of thousands of devices). */
    public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    /** Multipart parts up to this size stay in memory; larger ones are buffered in the spool directory. */
    static final int MULTIPART_IN_MEMORY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin app;
    private final String host;
    private final int requestedPort;
    private final Set<String> endpoints = new TreeSet<>();
    private final Map<String, Long> bodyLimits = new HashMap<>();
    private boolean stopped;

    /**
     * @param spoolDirectory where multipart uploads are buffered on their way in (not the system's temporary
     *                       directory, which may be a small RAM disk)
     */
    public HttpServer(String host, int port, boolean metricsPublic, TokenAuthenticator authenticator,
                      ObjectMapper mapper, MeterRegistry registry, Path spoolDirectory, List<Routes> routes) {
        this.host = host;
        this.requestedPort = port;
        routes.forEach(r -> bodyLimits.putAll(r.bodyLimits()));
        long largestBody = bodyLimits.values().stream().mapToLong(Long::longValue).max().orElse(MAX_BODY_BYTES);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new ApiJsonMapper(mapper));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.jetty.multipartConfig.cacheDirectory(spoolDirectory.toString());
            config.jetty.multipartConfig.maxFileSize(largestBody, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(largestBody, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(MULTIPART_IN_MEMORY_BYTES, SizeUnit.BYTES);
            // a request is handled once its headers are in, so an oversize body is refused before any of it is read
            config.jetty.modifyHttpConfiguration(http -> http.setDelayDispatchUntilContent(false));
            config.events.handlerAdded(this::remember);
            routes.forEach(r -> r.configure(config));
        });
        RequestMetrics.register(app, registry);
        app.beforeMatched(this::refuseOversizeBody);
        app.beforeMatched(new BearerAuthentication(authenticator, metricsPublic));
        ErrorMapping.register(app);
        routes.forEach(r -> r.register(app));
    }

    public HttpServer start() {
        app.start(host, requestedPort);
        LOG.info("HTTP API listening on {}:{}", host, port());
        return this;
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return app.port();
    }

    /** Every registered endpoint as {@code "METHOD /path/{param}"}, e.g. {@code "GET /api/areas/{id}"}. */
    public Set<String> endpoints() {
        return Set.copyOf(endpoints);
    }

    /** Stops the server, also after a failed start (which may leave Jetty's threads behind); safe to repeat. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            app.stop();
        }
    }

    private void remember(HandlerMetaInfo info) {
        if (info.getHttpMethod().isHttpMethod()) {
            endpoints.add(info.getHttpMethod().name() + " " + info.getPath());
        }
    }

    /**
     * Refuses a body over the endpoint's limit before anyone reads it. A chunked body has no length to check up
     * front and would be read whole, so it is refused too: every HTTP client can send a Content-Length.
     */
    private void refuseOversizeBody(Context ctx) {
        long maxBytes = bodyLimits.getOrDefault(Endpoint.of(ctx), MAX_BODY_BYTES);
        long contentLength = ctx.req().getContentLengthLong();
        if (contentLength < 0 && ctx.header(Header.TRANSFER_ENCODING) != null) {
            throw new ApiException(411, "Content-Length required", Map.of("maxBytes", maxBytes));
        }
        if (contentLength > maxBytes) {
            throw new ApiException(413, "request body too large",
                    Map.of("maxBytes", maxBytes, "contentLength", contentLength));
        }
    }
}
