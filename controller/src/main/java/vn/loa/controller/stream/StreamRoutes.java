package vn.loa.controller.stream;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.command.AcceptedCommand;
import vn.loa.controller.command.CommandTarget;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Paging;
import vn.loa.controller.http.QueryParams;
import vn.loa.controller.http.Routes;
import vn.loa.controller.http.TokenAuthenticator;

/**
 * {@code /api/streams}: start, list, read and delete streams; play and stop them on speakers; static listeners
 * and their SDP; raw PCM into a live stream ({@code POST .../pcm}, WebSocket {@code .../live}).
 */
public final class StreamRoutes implements Routes {
    static final String PCM_PATH = "/api/streams/{id}/pcm";
    static final String SDP_CONTENT_TYPE = "application/sdp; charset=utf-8";
    private static final Set<String> CREATE_FIELDS = Set.of("name", "source", "srtp");
    private static final Set<String> LISTENER_FIELDS = Set.of("host", "port");

    private final StreamService streams;
    private final LivePcmSocket liveSocket;
    private final ContentReview review;

    /**
     * @param tokens authenticates the live WebSocket, whose upgrade the API's bearer filter does not see
     * @param review refuses sources whose content is not approved for the caller
     */
    public StreamRoutes(StreamService streams, TokenAuthenticator tokens, ContentReview review) {
        this.streams = streams;
        this.review = review;
        this.liveSocket = new LivePcmSocket(streams, tokens);
    }

    /** What a play, stop or delete sent: one command per target, whose results are read at /api/commands/{id}. */
    record Sent(String stream, List<AcceptedCommand> commands, int devices) {
        static Sent of(String stream, List<AcceptedCommand> commands) {
            return new Sent(stream, commands, commands.stream().mapToInt(AcceptedCommand::devices).sum());
        }
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/streams", this::create);
        app.get("/api/streams", ctx -> ctx.json(streams.list(Caller.of(ctx), Paging.of(ctx))));
        app.get("/api/streams/{id}", ctx -> ctx.json(streams.get(Caller.of(ctx), ctx.pathParam("id"))));
        app.delete("/api/streams/{id}", ctx -> {
            String id = ctx.pathParam("id");
            ctx.json(Sent.of(id, streams.delete(Caller.of(ctx), id)));
        });
        app.post("/api/streams/{id}/play", ctx -> {
            String id = ctx.pathParam("id");
            Caller caller = Caller.of(ctx);
            ctx.status(202).json(Sent.of(id, streams.play(caller, id, targets(ctx))));
        });
        app.post("/api/streams/{id}/stop", ctx -> {
            String id = ctx.pathParam("id");
            Caller caller = Caller.of(ctx);
            ctx.status(202).json(Sent.of(id, streams.stop(caller, id, targets(ctx))));
        });
        app.post("/api/streams/{id}/listeners", ctx -> ctx.status(201)
                .json(streams.addListener(Caller.of(ctx), ctx.pathParam("id"), listener(ctx))));
        app.delete("/api/streams/{id}/listeners", ctx -> {
            streams.removeListener(Caller.of(ctx), ctx.pathParam("id"), listener(ctx));
            ctx.status(204);
        });
        app.get("/api/streams/{id}/sdp", this::sdp);
        app.post(PCM_PATH, this::pcm);
        liveSocket.register(app);
    }

    @Override
    public Map<String, Long> bodyLimits() {
        return Map.of("POST " + PCM_PATH, PcmPacer.MAX_BODY_BYTES);
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        JsonBody body = JsonBody.of(ctx, CREATE_FIELDS);
        String name = body.text("name", StreamService.MAX_NAME_LENGTH);
        if (name == null) {
            throw ApiException.badRequest("name is required", null);
        }
        SourceSpec source = SourceSpec.fromJson(body.node("source"));
        review.require(caller, source);
        ctx.status(201).json(streams.create(caller, name, source, body.bool("srtp")));
    }

    private void sdp(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        String listener = QueryParams.text(ctx, "listener");
        InetSocketAddress address = listener != null ? ListenerAddress.parse(listener)
                : streams.firstListener(caller, id).orElseThrow(() -> QueryParams.invalid("listener",
                        "is required (host:port) while the stream has no static listener"));
        ctx.contentType(SDP_CONTENT_TYPE).result(streams.sdp(caller, id, address));
    }

    private void pcm(Context ctx) throws IOException {
        Caller caller = Caller.of(ctx);
        long pushed = PcmPacer.pushInRealTime(ctx.bodyInputStream(), streams.liveInput(caller, ctx.pathParam("id")));
        ctx.json(Map.of("bytes", pushed, "millis", PcmPacer.millisOf(pushed)));
    }

    private static List<CommandTarget> targets(Context ctx) {
        return PlayTargets.from(JsonBody.of(ctx, PlayTargets.FIELDS));
    }

    private static InetSocketAddress listener(Context ctx) {
        JsonBody body = JsonBody.of(ctx, LISTENER_FIELDS);
        return ListenerAddress.of(body.text("host", ListenerAddress.MAX_HOST_LENGTH), body.integer("port"));
    }
}
