package vn.loa.controller.tts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The {@code tts_cache} table: which media item a text was spoken into, per voice and synthesiser version. */
final class SpeechCache {
    private final Jdbi jdbi;

    SpeechCache(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Long> find(String textSha256, String voice, String synthesiser) {
        return jdbi.withHandle(h -> h.createQuery("SELECT media_id FROM tts_cache WHERE text_sha256 = :sha"
                        + " AND voice = :voice AND synthesiser = :synthesiser")
                .bind("sha", textSha256).bind("voice", voice).bind("synthesiser", synthesiser)
                .mapTo(Long.class).findOne());
    }

    /** Points the key at the item, replacing a row left from before (a concurrent speaker of the same text). */
    void remember(String textSha256, String voice, String synthesiser, long mediaId, Instant at) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM tts_cache WHERE text_sha256 = :sha AND voice = :voice"
                            + " AND synthesiser = :synthesiser")
                    .bind("sha", textSha256).bind("voice", voice).bind("synthesiser", synthesiser).execute();
            h.createUpdate("INSERT INTO tts_cache (text_sha256, voice, synthesiser, media_id, created_at)"
                            + " VALUES (:sha, :voice, :synthesiser, :media, :at)")
                    .bind("sha", textSha256).bind("voice", voice).bind("synthesiser", synthesiser)
                    .bind("media", mediaId).bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).execute();
        });
    }
}
