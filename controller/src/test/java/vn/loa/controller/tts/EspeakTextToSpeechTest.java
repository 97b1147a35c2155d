package vn.loa.controller.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;
import vn.loa.controller.http.Paging;
import vn.loa.controller.media.MediaItem;
import vn.loa.controller.media.MediaService;
import vn.loa.controller.media.MediaUsage;
import vn.loa.controller.storage.Database;
import vn.loa.controller.stream.SourceSpec;
import vn.loa.streamer.media.MediaLibrary;
import vn.loa.streamer.media.MediaLimits;

/**
 * The synthesiser against the real espeak-ng, a real H2 file database and the real media library; stand-in programs
 * (shell scripts) only where espeak-ng must fail, hang or be counted.
 */
class EspeakTextToSpeechTest {
    private static final String BULLETIN = "Thông báo: ngày mai xã tổ chức tiêm phòng cho trẻ em.";
    private static final Caller OPERATOR = new Caller("tts-operator", Role.OPERATOR, null);
    private static final Caller EDITOR = new Caller("tts-editor", Role.EDITOR, null);
    private static final String FAKE_VERSION = "echo 'eSpeak NG text-to-speech: 9.99-test  Data at: /nowhere'";

    @TempDir
    Path dir;
    private Database database;
    private MediaService media;
    private AuditLog audit;
    private Path spool;

    @BeforeEach
    void library() {
        database = new Database(Database.h2FileUrl(dir), "sa", "", 2);
        audit = new AuditLog(database.jdbi());
        spool = dir.resolve("tmp");
        media = new MediaService(database.jdbi(), new MediaLibrary(dir.resolve("media"), new MediaLimits(
                MediaLimits.DEFAULT_MAX_UPLOAD_BYTES, MediaLimits.DEFAULT_MAX_DURATION)),
                new MediaUsage(id -> List.of(), id -> List.of()), audit,
                new AreaScopes(database.jdbi()), spool, MediaLimits.DEFAULT_MAX_UPLOAD_BYTES, Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aVietnameseBulletinBecomesAnAudibleMediaItemOfPlausibleLength() {
        EspeakTextToSpeech.Spoken spoken = spoken(speech("espeak-ng"), BULLETIN);

        MediaItem item = spoken.item();
        assertThat(spoken.created()).isTrue();
        assertThat(item.title()).isEqualTo(BULLETIN);
        assertThat(item.format()).isEqualTo("wav");
        assertThat(item.uploadedBy()).isEqualTo("tts-operator");
        assertThat(item.durationMs()).as("eleven words of speech").isBetween(1_000L, 15_000L);
        assertThat(item.sourceLoudnessLufs()).as("speech, not silence").isGreaterThan(MediaLibrary.SILENCE_LUFS + 20);
        assertThat(media.frames(item)).isNotEmpty();
        assertThat(spoolFiles()).as("the WAV and error log are gone from the spool").isEmpty();
        assertThat(auditedActions()).contains("tts.speak", "media.upload");
    }

    @Test
    void theSameTextIsSpokenOnceWhateverItsSpacingAndComposition() throws IOException {
        Path runs = dir.resolve("runs");
        EspeakTextToSpeech speech = speech(countingEspeak(runs));

        EspeakTextToSpeech.Spoken first = spoken(speech, BULLETIN);
        EspeakTextToSpeech.Spoken again = spoken(speech, BULLETIN);
        String decomposed = Normalizer.normalize(BULLETIN, Normalizer.Form.NFD);
        EspeakTextToSpeech.Spoken respaced = spoken(speech,
                "  " + decomposed.replace(" ", " \n\t ") + "\n");

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(respaced.created()).isFalse();
        assertThat(again.item().id()).isEqualTo(first.item().id());
        assertThat(respaced.item().id()).isEqualTo(first.item().id());
        assertThat(Files.readAllLines(runs)).as("espeak-ng runs").hasSize(1);
    }

    @Test
    void aDeletedItemIsSpokenAgain() throws IOException {
        Path runs = dir.resolve("runs");
        EspeakTextToSpeech speech = speech(countingEspeak(runs));
        MediaItem first = speech.speak(OPERATOR, BULLETIN);
        media.delete(EDITOR, first.id());

        EspeakTextToSpeech.Spoken again = spoken(speech, BULLETIN);

        assertThat(again.created()).isTrue();
        assertThat(again.item().id()).isNotEqualTo(first.id());
        assertThat(again.item().sha256()).as("espeak-ng is deterministic").isEqualTo(first.sha256());
        assertThat(Files.readAllLines(runs)).hasSize(2);
        assertThat(speech.speak(OPERATOR, BULLETIN).id()).isEqualTo(again.item().id());
    }

    @Test
    void anotherTextGivingTheSameAudioSharesItsItem() {
        EspeakTextToSpeech speech = speech("espeak-ng");
        MediaItem first = speech.speak(OPERATOR, BULLETIN);
        // a different version string is a different cache key, but espeak-ng speaks the same WAV
        EspeakTextToSpeech upgraded = speech(script("upgraded-espeak", """
                if [ "$1" = "--version" ]; then echo 'eSpeak NG text-to-speech: 2.0  Data at: /x'; exit 0; fi
                exec espeak-ng "$@"
                """));

        EspeakTextToSpeech.Spoken spoken = spoken(upgraded, BULLETIN);

        assertThat(spoken.created()).isFalse();
        assertThat(spoken.item().id()).isEqualTo(first.id());
        assertThat(spoken(upgraded, BULLETIN).item().id()).isEqualTo(first.id());
    }

    @Test
    void aMissingProgramIsA503NamingThePackage() {
        EspeakTextToSpeech speech = speech(dir.resolve("no-such-espeak-ng").toString());

        assertThat(refusal(() -> speech.speak(OPERATOR, BULLETIN), 503).getMessage())
                .contains("install the Debian package espeak-ng");
    }

    @Test
    void aFailingProgramIsA422AndLeavesNothingBehind() {
        EspeakTextToSpeech speech = speech(script("failing-espeak", """
                if [ "$1" = "--version" ]; then %s; exit 0; fi
                echo 'Error: no voice' >&2
                exit 1
                """.formatted(FAKE_VERSION)));

        assertThat(refusal(() -> speech.speak(OPERATOR, BULLETIN), 422).getMessage())
                .contains("exit status 1");
        assertThat(spoolFiles()).isEmpty();
        assertThat(media.list(OPERATOR, null, null, new Paging(10, 0)).total()).isZero();
    }

    @Test
    void aProgramThatDoesNotTellItsVersionIsA422() {
        EspeakTextToSpeech speech = speech(script("mute-espeak", "echo 'usage: unknown option'\n"));

        assertThat(refusal(() -> speech.speak(OPERATOR, BULLETIN), 422).getMessage())
                .contains("did not report its version");
    }

    @Test
    void aProgramThatHangsIsStoppedAtTheTimeoutWithA422() {
        EspeakTextToSpeech speech = new EspeakTextToSpeech(database.jdbi(), media, audit, script("hanging-espeak", """
                if [ "$1" = "--version" ]; then %s; exit 0; fi
                exec sleep 60
                """.formatted(FAKE_VERSION)), spool, Duration.ofSeconds(1), Clock.systemUTC());

        assertThat(refusal(() -> speech.speak(OPERATOR, BULLETIN), 422).getMessage())
                .contains("within 1 s");
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void textThatSaysNothingIsRefusedBeforeAnythingRuns() {
        EspeakTextToSpeech speech = speech(dir.resolve("never-run").toString());

        refusal(() -> speech.speak(OPERATOR, " \n\t "), 400);
        refusal(() -> speech.speak(OPERATOR, "a".repeat(SourceSpec.MAX_TEXT_LENGTH + 1)), 400);
        refusal(() -> speech.speak(new Caller("viewer", Role.VIEWER, null), BULLETIN), 403);
    }

    /** The ApiException {@code call} is refused with, after checking its status. */
    private static ApiException refusal(ThrowingCallable call, int status) {
        ApiException refused = catchThrowableOfType(ApiException.class, call);
        assertThat(refused).as("refused with %d", status).isNotNull();
        assertThat(refused.status()).as(refused.getMessage()).isEqualTo(status);
        return refused;
    }

    /** The operator's bulletin in the default voice, titled by its text. */
    private static EspeakTextToSpeech.Spoken spoken(EspeakTextToSpeech speech, String text) {
        return speech.speakOrReuse(OPERATOR, text, EspeakTextToSpeech.VOICE, null);
    }

    private EspeakTextToSpeech speech(String command) {
        return new EspeakTextToSpeech(database.jdbi(), media, audit, command, spool, Clock.systemUTC());
    }

    /** The real espeak-ng, noting a line in {@code runs} each time it speaks. */
    private String countingEspeak(Path runs) {
        return script("counting-espeak", """
                if [ "$1" != "--version" ]; then echo run >> '%s'; fi
                exec espeak-ng "$@"
                """.formatted(runs));
    }

    private String script(String name, String body) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().startsWith(EspeakTextToSpeech.SPOOL_PREFIX)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> auditedActions() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log").mapTo(String.class)
                .list());
    }
}
