package vn.loa.controller.tts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.media.MediaItem;
import vn.loa.controller.media.MediaService;
import vn.loa.controller.media.SpokenText;
import vn.loa.controller.stream.SourceSpec;

/**
 * Vietnamese bulletins spoken by espeak-ng and kept as ordinary media items of kind {@code tts} (listed, listened to,
 * reviewed, deleted like any upload; the title is the author's or the start of the text). The same normalised text
 * in the same voice by the same espeak-ng version finds its item again through {@link SpeechCache}, as it stands
 * (a draft stays a draft); once that item is deleted the text is spoken anew. Two texts that happen to give the same
 * WAV share one item, as two identical uploads would.
 */
public final class EspeakTextToSpeech implements TextToSpeech {
    /** The default voice, northern Vietnamese. */
    public static final String VOICE = "vi";
    /** The voices a bulletin may be spoken in: espeak-ng's northern, central and southern Vietnamese. */
    public static final List<String> VOICES = List.of(VOICE, "vi-vn-x-central", "vi-vn-x-south");
    /** Longest a synthesis may run; {@link SourceSpec#MAX_TEXT_LENGTH} characters take a few seconds. */
    public static final Duration SYNTHESIS_TIMEOUT = Duration.ofSeconds(60);
    /** Names of the WAV files and error logs being spoken into the spool directory. */
    static final String SPOOL_PREFIX = "tts-";
    private static final int FILE_NAME_HASH_CHARS = 12;

    private static final Logger log = LoggerFactory.getLogger(EspeakTextToSpeech.class);

    /** A spoken bulletin, and whether this call added it to the library (false: it was there already). */
    public record Spoken(MediaItem item, boolean created) {
    }

    private final SpeechCache cache;
    private final MediaService media;
    private final AuditLog audit;
    private final Espeak espeak;
    private final Path spoolDirectory;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param command        espeak-ng's name on the PATH or its path
     * @param spoolDirectory where the WAV is written on its way into the library (it exists: the media service made it)
     */
    public EspeakTextToSpeech(Jdbi jdbi, MediaService media, AuditLog audit, String command, Path spoolDirectory,
                              Clock clock) {
        this(jdbi, media, audit, command, spoolDirectory, SYNTHESIS_TIMEOUT, clock);
    }

    EspeakTextToSpeech(Jdbi jdbi, MediaService media, AuditLog audit, String command, Path spoolDirectory,
                       Duration timeout, Clock clock) {
        this.cache = new SpeechCache(jdbi);
        this.media = media;
        this.audit = audit;
        this.espeak = new Espeak(command);
        this.spoolDirectory = spoolDirectory;
        this.timeout = timeout;
        this.clock = clock;
        removeLeftovers();
    }

    /** An inline bulletin (an emergency's text), in the default voice and titled by its text. */
    @Override
    public MediaItem speak(Caller caller, String text) {
        return speakOrReuse(caller, text, VOICE, null).item();
    }

    /**
     * A bulletin an editor (or above) writes: as {@link #speakOrReuse}, but refused with 409 when the same bulletin
     * is already in the library for an area the author does not see (the library keeps each audio once).
     */
    public Spoken write(Caller caller, String text, String voice, String title) {
        caller.require(Role.EDITOR);
        Spoken spoken = speakOrReuse(caller, text, voice, title);
        try {
            media.requireVisible(caller, List.of(spoken.item().id()));
        } catch (ApiException unseen) {
            throw ApiException.conflict("the same bulletin is already in the library of another area", null);
        }
        return spoken;
    }

    /**
     * Speaks a bulletin, or finds it spoken already, telling which.
     *
     * @param voice one of {@link #VOICES}
     * @param title the author's title, or null for the start of the text
     */
    public Spoken speakOrReuse(Caller caller, String text, String voice, String title) {
        caller.require(Role.OPERATOR);
        SpeechText speech = SpeechText.of(text == null ? "" : text);
        if (speech.text().isEmpty() || speech.text().length() > SourceSpec.MAX_TEXT_LENGTH) {
            throw ApiException.badRequest("invalid field", "text must hold 1.." + SourceSpec.MAX_TEXT_LENGTH
                    + " characters to speak");
        }
        if (!VOICES.contains(voice)) {
            throw ApiException.badRequest("invalid field", "voice must be one of " + VOICES);
        }
        String synthesiser = espeak.version();
        String key = speech.sha256();
        Optional<MediaItem> cached = cache.find(key, voice, synthesiser).flatMap(this::stillStored);
        Spoken spoken = cached.map(item -> new Spoken(item, false))
                .orElseGet(() -> synthesise(caller, speech, voice, title));
        if (cached.isEmpty()) {
            remember(key, voice, synthesiser, spoken.item());
        }
        audit.record(caller.username(), "tts.speak", "media:" + spoken.item().id(),
                (cached.isPresent() ? "cached" : "spoken") + " by " + synthesiser + " in " + voice + " \""
                        + speech.title() + "\"");
        return spoken;
    }

    private Spoken synthesise(Caller caller, SpeechText speech, String voice, String title) {
        Path wav = spoolFile(".wav");
        Path errors = spoolFile(".log");
        try {
            espeak.speak(speech.text(), voice, wav, errors, timeout);
            try (InputStream in = Files.newInputStream(wav)) {
                String fileName = SPOOL_PREFIX + speech.sha256().substring(0, FILE_NAME_HASH_CHARS) + ".wav";
                MediaItem item = media.storeSpoken(caller, in, fileName, title != null ? title : speech.title(),
                        new SpokenText(speech.text(), voice));
                log.info("Spoke \"{}\" ({} characters) into media {} for {}", speech.title(), speech.text().length(),
                        item.id(), caller.username());
                return new Spoken(item, true);
            }
        } catch (ApiException e) {
            return existingDuplicate(e).map(item -> new Spoken(item, false)).orElseThrow(() -> e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spoken WAV " + wav, e);
        } finally {
            deleteQuietly(wav);
            deleteQuietly(errors);
        }
    }

    /** The item a 409 from the media library names: the same WAV was stored before (by an upload or older text). */
    private Optional<MediaItem> existingDuplicate(ApiException refusal) {
        if (refusal.status() == 409 && refusal.detail() instanceof Map<?, ?> detail
                && detail.get("id") instanceof Number id) {
            return stillStored(id.longValue());
        }
        return Optional.empty();
    }

    private Optional<MediaItem> stillStored(long mediaId) {
        try {
            return Optional.of(media.require(List.of(mediaId)).get(0));
        } catch (ApiException gone) {
            return Optional.empty();
        }
    }

    /** A cache that cannot be written costs a synthesis next time, nothing more: the bulletin is not refused. */
    private void remember(String key, String voice, String synthesiser, MediaItem item) {
        try {
            cache.remember(key, voice, synthesiser, item.id(), clock.instant());
        } catch (JdbiException e) {
            log.warn("Could not cache the spoken text of media {}: {}", item.id(), e.getMessage());
        }
    }

    private Path spoolFile(String suffix) {
        try {
            return Files.createTempFile(spoolDirectory, SPOOL_PREFIX, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + spoolDirectory, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    /** Files a synthesis cut short by a crash or a kill left in the spool directory. */
    private void removeLeftovers() {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            files.filter(p -> p.getFileName().toString().startsWith(SPOOL_PREFIX))
                    .forEach(EspeakTextToSpeech::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the spool directory " + spoolDirectory, e);
        }
    }
}
