package vn.loa.controller.stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.loa.controller.http.ApiException;
import vn.loa.streamer.source.RelaySource;

/**
 * Where a stream's audio comes from, as asked for and as shown: {@code {"type":"media","media":[ids],"loop":false}},
 * {@code {"type":"relay","url":"http://...","fallback":7}} (the fallback media item plays while the relay is dead
 * or silent), {@code {"type":"live"}} or {@code {"type":"tts","text":"..."}} (spoken once, then kept as a media
 * item).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceSpec(Type type, List<Long> media, Boolean loop, String url, Long fallback, String text) {
    public static final int MAX_PLAYLIST_ITEMS = 500;
    public static final int MAX_URL_LENGTH = 2048;
    /** Longest text-to-speech bulletin, in characters (about five minutes of speech). */
    public static final int MAX_TEXT_LENGTH = 5000;

    public enum Type { media, relay, live, tts }

    /** Every media item the source plays: its playlist and its fallback (a text-to-speech source names none). */
    @JsonIgnore
    public List<Long> playedMedia() {
        List<Long> ids = new ArrayList<>();
        if (media != null) {
            ids.addAll(media);
        }
        if (fallback != null) {
            ids.add(fallback);
        }
        return ids;
    }

    public static SourceSpec ofMedia(List<Long> media, boolean loop) {
        return new SourceSpec(Type.media, List.copyOf(media), loop, null, null, null);
    }

    public static SourceSpec fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid("source must be an object with a type: media, relay or live");
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "media" -> media(node);
            case "relay" -> relay(node);
            case "live" -> new SourceSpec(Type.live, null, null, null, null, null);
            case "tts" -> tts(node);
            default -> throw invalid("source.type must be media, relay, live or tts");
        };
    }

    private static SourceSpec media(JsonNode node) {
        JsonNode ids = node.get("media");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_PLAYLIST_ITEMS) {
            throw invalid("source.media must list 1.." + MAX_PLAYLIST_ITEMS + " media ids");
        }
        List<Long> media = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.canConvertToExactIntegral() || !id.canConvertToLong() || id.asLong() < 1) {
                throw invalid("source.media must hold positive integer ids");
            }
            media.add(id.asLong());
        }
        JsonNode loop = node.get("loop");
        if (loop != null && !loop.isNull() && !loop.isBoolean()) {
            throw invalid("source.loop must be true or false");
        }
        return ofMedia(media, loop != null && loop.asBoolean());
    }

    private static SourceSpec relay(JsonNode node) {
        String url = node.path("url").asText("");
        String rule = "source.url must be a URL with a host, one of the schemes " + RelaySource.ALLOWED_SCHEMES
                + ", of at most " + MAX_URL_LENGTH + " characters";
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            throw invalid(rule);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!RelaySource.ALLOWED_SCHEMES.contains(scheme) || uri.getHost() == null) {
                throw invalid(rule);
            }
        } catch (URISyntaxException e) {
            throw invalid("source.url is not a URL: " + e.getMessage());
        }
        JsonNode fallback = node.get("fallback");
        if (fallback != null && !fallback.isNull() && (!fallback.canConvertToExactIntegral()
                || !fallback.canConvertToLong() || fallback.asLong() < 1)) {
            throw invalid("source.fallback must be a media id");
        }
        return new SourceSpec(Type.relay, null, null, url,
                fallback == null || fallback.isNull() ? null : fallback.asLong(), null);
    }

    private static SourceSpec tts(JsonNode node) {
        String text = node.path("text").isTextual() ? node.get("text").asText().strip() : "";
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw invalid("source.text must hold 1.." + MAX_TEXT_LENGTH + " characters to speak");
        }
        return new SourceSpec(Type.tts, null, null, null, null, text);
    }

    private static ApiException invalid(String rule) {
        return ApiException.badRequest("invalid field", rule);
    }
}
