package vn.loa.controller.stream;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConnectContext;
import java.util.Optional;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.ApiCredentials;
import vn.loa.controller.http.SameOrigin;
import vn.loa.controller.http.TokenAuthenticator;
import vn.loa.streamer.source.LivePcmSource;

/**
 * WebSocket {@code /api/streams/{id}/live}: binary frames of raw PCM (s16le, mono, 48 kHz, any size up to
 * {@link #MAX_FRAME_BYTES}) into a live stream, as the console's microphone sends them. The token comes in the
 * Authorization header, as {@code ?token=} (browsers cannot set headers on a WebSocket) or in the console's
 * session cookie, then only from a page of this server (same Origin as Host). A sender running
 * more than {@link #MAX_AHEAD_MILLIS} ahead of real time is cut off.
 */
final class LivePcmSocket {
    static final String PATH = "/api/streams/{id}/live";
    /** Largest binary frame: one second of audio. */
    static final int MAX_FRAME_BYTES = PcmPacer.BYTES_PER_SECOND;
    static final long MAX_AHEAD_MILLIS = 3_000;
    private static final String FEED = "loa.live.feed";
    static final String STREAM_ENDED = "the stream ended";

    private final StreamService streams;
    private final TokenAuthenticator tokens;
    private final Microphones microphones;

    LivePcmSocket(StreamService streams, TokenAuthenticator tokens) {
        this.streams = streams;
        this.tokens = tokens;
        this.microphones = streams.microphones();
    }

    /** One connection's input: where it goes and how far ahead of the clock it has pushed. */
    private static final class Feed {
        private final LivePcmSource live;
        private long startedNanos;
        private long pushedBytes;

        Feed(LivePcmSource live) {
            this.live = live;
        }

        /** Pushes the frame; false when that would put the feed too far ahead of real time. */
        synchronized boolean push(byte[] data, int offset, int length) {
            if (pushedBytes == 0) {
                startedNanos = System.nanoTime();
            }
            long elapsedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
            if (PcmPacer.millisOf(pushedBytes + length) - elapsedMillis > MAX_AHEAD_MILLIS) {
                return false;
            }
            live.push(data, offset, length);
            pushedBytes += length;
            return true;
        }
    }

    void register(Javalin app) {
        app.wsBeforeUpgrade(PATH, this::authorize);
        app.ws(PATH, ws -> {
            ws.onConnect(this::open);
            ws.onBinaryMessage(LivePcmSocket::push);
            ws.onClose(ctx -> microphones.release(ctx.pathParam("id"), ctx.sessionId()));
        });
    }

    private void authorize(Context ctx) {
        Optional<ApiCredentials> credentials = ApiCredentials.of(ctx, true);
        if (credentials.filter(ApiCredentials::fromCookie).isPresent() && !SameOrigin.matches(ctx)) {
            throw new ApiException(403, "the console's session is accepted only from its own pages",
                    "Origin does not match Host");
        }
        Caller caller = credentials.flatMap(c -> tokens.authenticate(c.token()))
                .orElseThrow(() -> new ApiException(401, "authentication required", "missing or invalid token"));
        String id = ctx.pathParam("id");
        LivePcmSource live = streams.liveInput(caller, id);
        if (microphones.isFed(id)) {
            throw ApiException.conflict("another microphone feeds this stream", null);
        }
        ctx.attribute(FEED, new Feed(live));
    }

    /** One microphone per stream: two feeds would interleave into noise. */
    private void open(WsConnectContext ctx) {
        if (!microphones.claim(ctx.pathParam("id"), ctx.sessionId())) {
            ctx.attribute(FEED, null);
            ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "another microphone feeds this stream");
            return;
        }
        ctx.session.setMaxBinaryMessageSize(MAX_FRAME_BYTES);
    }

    private static void push(WsBinaryMessageContext ctx) {
        Feed feed = ctx.attribute(FEED);
        if (feed == null) {
            return;
        }
        try {
            if (!feed.push(ctx.data(), ctx.offset(), ctx.length())) {
                ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "PCM arrives faster than it plays");
            }
        } catch (IllegalStateException e) {
            // the stream was stopped (its broadcast ended) while the microphone still spoke: a normal end
            ctx.closeSession(WsCloseStatus.NORMAL_CLOSURE, STREAM_ENDED);
        }
    }
}
