package vn.loa.streamer.media;

import java.nio.file.Path;
import java.util.logging.Level;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Title, artist and declared duration as jaudiotagger reads them from the file's tags and header. jaudiotagger does
 * not know every format (Ogg Opus, raw AAC); then the result is empty and FFmpeg's view of the tags stands in.
 *
 * @param title          the title tag, or null
 * @param artist         the artist tag, or null
 * @param declaredMillis the duration the header declares, or 0
 */
record AudioTags(String title, String artist, long declaredMillis) {

    static final AudioTags NONE = new AudioTags(null, null, 0);

    private static final Logger LOG = LoggerFactory.getLogger(AudioTags.class);

    static {
        // jaudiotagger reports every odd tag frame through java.util.logging at INFO; its failures reach us as
        // exceptions anyway.
        java.util.logging.Logger.getLogger("org.jaudiotagger").setLevel(Level.OFF);
    }

    static AudioTags read(Path upload, UploadFormat format) {
        try {
            AudioFile file = AudioFileIO.readAs(upload.toFile(), format.tagExtension());
            Tag tag = file.getTag();
            long millis = Math.round(file.getAudioHeader().getPreciseTrackLength() * 1000);
            return new AudioTags(field(tag, FieldKey.TITLE), field(tag, FieldKey.ARTIST), Math.max(0, millis));
        } catch (Exception unreadable) {
            // jaudiotagger throws a zoo of checked and runtime exceptions for formats or tags it does not handle.
            LOG.debug("jaudiotagger cannot read the tags of {} ({}): {}", upload, format.label(), unreadable.toString());
            return NONE;
        }
    }

    private static String field(Tag tag, FieldKey key) {
        if (tag == null) {
            return null;
        }
        String value = tag.getFirst(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
