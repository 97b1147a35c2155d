package vn.loa.controller.tts;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Set;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.JsonBody;
import vn.loa.controller.http.Routes;
import vn.loa.controller.media.MediaService;

/**
 * {@code POST /api/media/tts {"title": "...", "text": "...", "voice": "vi"}} (editor or above): writes a bulletin,
 * spoken into a media item that goes through review like an upload (a draft, or approved at once when the author is
 * an approver); 201 with the new item, 200 with the item already spoken from the same text in the same voice.
 */
public final class TtsRoutes implements Routes {
    static final String PATH = "/api/media/tts";
    private static final Set<String> FIELDS = Set.of("title", "text", "voice");
    private static final int MAX_VOICE_LENGTH = 32;

    private final EspeakTextToSpeech speech;

    public TtsRoutes(EspeakTextToSpeech speech) {
        this.speech = speech;
    }

    @Override
    public void register(Javalin app) {
        app.post(PATH, this::write);
    }

    private void write(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Role.EDITOR);  // before the body is read
        JsonBody body = JsonBody.of(ctx, FIELDS);
        var text = body.node("text");
        if (text == null || !text.isTextual()) {
            throw ApiException.badRequest("invalid field", "text must be a string to speak");
        }
        String title = body.text("title", MediaService.MAX_TITLE_LENGTH);
        String voice = body.text("voice", MAX_VOICE_LENGTH);
        EspeakTextToSpeech.Spoken spoken = speech.write(caller, text.asText(),
                voice == null ? EspeakTextToSpeech.VOICE : voice, title);
        ctx.status(spoken.created() ? 201 : 200).json(spoken.item());
    }
}
