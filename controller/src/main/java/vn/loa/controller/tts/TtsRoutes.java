package vn.loa.controller.tts;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Set;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Routes;

/**
 * {@code POST /api/tts {"text": "..."}}: speaks a bulletin into a media item so the console can play it before it is
 * broadcast; 201 with the new item, 200 with the item already spoken from the same text.
 */
public final class TtsRoutes implements Routes {
    private static final Set<String> FIELDS = Set.of("text");

    private final EspeakTextToSpeech speech;

    public TtsRoutes(EspeakTextToSpeech speech) {
        this.speech = speech;
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/tts", this::speak);
    }

    private void speak(Context ctx) {
        Caller caller = Caller.of(ctx);
        var text = JsonBody.of(ctx, FIELDS).node("text");
        if (text == null || !text.isTextual()) {
            throw ApiException.badRequest("invalid field", "text must be a string to speak");
        }
        EspeakTextToSpeech.Spoken spoken = speech.speakOrReuse(caller, text.asText());
        ctx.status(spoken.created() ? 201 : 200).json(spoken.item());
    }
}
