package vn.loa.controller.tts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A bulletin's text as it is spoken and cached: NFC, control characters and runs of whitespace turned into one space,
 * stripped. Two texts that differ only in line breaks, spacing or Unicode composition (a keyboard may type "ô" as
 * "o" plus a combining circumflex) are the same bulletin.
 */
record SpeechText(String text) {
    /** Characters of the text the media item's title keeps; a longer text is cut with an ellipsis. */
    static final int TITLE_CHARS = 80;
    private static final Pattern BLANKS = Pattern.compile("[\\s\\p{Cntrl}]+");
    private static final String ELLIPSIS = "…";

    static SpeechText of(String raw) {
        String composed = Normalizer.normalize(raw, Normalizer.Form.NFC);
        return new SpeechText(BLANKS.matcher(composed).replaceAll(" ").strip());
    }

    /** Hex SHA-256 of the normalised text's UTF-8 bytes: the cache key. */
    String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The first {@link #TITLE_CHARS} characters (whole code points), with an ellipsis when the text goes on. */
    String title() {
        if (text.codePointCount(0, text.length()) <= TITLE_CHARS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, TITLE_CHARS)).strip() + ELLIPSIS;
    }
}
