package vn.loa.controller.tts;

import vn.loa.controller.auth.Caller;
import vn.loa.controller.media.MediaItem;

/** Speaks a Vietnamese bulletin into a media item, once: the same text again returns the item already made. */
public interface TextToSpeech {

    /**
     * @param text 1..{@link vn.loa.controller.stream.SourceSpec#MAX_TEXT_LENGTH} characters
     * @throws vn.loa.controller.http.ApiException 422 when the text cannot be spoken, 503 when no synthesiser is
     *                                             installed
     */
    MediaItem speak(Caller caller, String text);
}
