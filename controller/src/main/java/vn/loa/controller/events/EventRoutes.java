package vn.loa.controller.events;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.sse.SseHandler;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiCredentials;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.Routes;
import vn.loa.controller.http.TokenAuthenticator;

/**
 * {@code GET /api/events}: the live event feed as Server-Sent Events, for any signed-in user. Each event's
 * {@code event:} line is its type and its {@code data:} line a JSON object; a comment line comes every
 * {@link EventHub#HEARTBEAT} when nothing else did. Events are not replayed: the first event on a stream is
 * {@link EventHub#READY_EVENT}, on which a console (re)loads what it shows.
 */
public final class EventRoutes implements Routes {
    public static final String PATH = "/api/events";
    static final String EVENT_STREAM = "text/event-stream";

    private final EventHub hub;
    private final AreaScopes scopes;
    private final TokenAuthenticator sessions;

    /** @param sessions tells whether the session a stream was opened with still stands (logout, user disabled) */
    public EventRoutes(EventHub hub, AreaScopes scopes, TokenAuthenticator sessions) {
        this.hub = hub;
        this.scopes = scopes;
        this.sessions = sessions;
    }

    @Override
    public void register(Javalin app) {
        app.get(PATH, this::watch);
    }

    private void watch(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.VIEWER);
        // Javalin streams events only to a request that asks for exactly this, as EventSource does
        if (!EVENT_STREAM.equals(ctx.header(Header.ACCEPT))) {
            throw new ApiException(406, "the event feed is a text/event-stream: send Accept: " + EVENT_STREAM);
        }
        String scopePrefix = scopes.scopePrefix(caller).orElse(null);
        String token = ApiCredentials.on(ctx).token();
        hub.reserve();
        try {
            new SseHandler(sse -> hub.attach(sse, scopePrefix, () -> sessions.isLive(token))).handle(ctx);
        } catch (RuntimeException e) {
            hub.release();
            throw e;
        }
    }
}
