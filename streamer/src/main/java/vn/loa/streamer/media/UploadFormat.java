package vn.loa.streamer.media;

import java.util.Locale;

/** The containers and codecs the library takes, keyed by what FFmpeg detected. */
enum UploadFormat {
    MP3("mp3", "mp3"),
    WAV("wav", "wav"),
    M4A("m4a", "m4a"),
    AAC("aac", "aac"),
    OGG_OPUS("ogg-opus", "opus"),
    OGG_VORBIS("ogg-vorbis", "ogg"),
    FLAC("flac", "flac");

    static final String ACCEPTED = "MP3, WAV, AAC/M4A, OGG (Opus or Vorbis) and FLAC";

    private final String label;
    private final String tagExtension;

    UploadFormat(String label, String tagExtension) {
        this.label = label;
        this.tagExtension = tagExtension;
    }

    /** Name reported in {@link IngestedMedia#format()}. */
    String label() {
        return label;
    }

    /** The extension jaudiotagger reads this format by. */
    String tagExtension() {
        return tagExtension;
    }

    /**
     * The format for FFmpeg's container name and decoder name, or null when the library does not take it (a video
     * container, a speech codec, an image...).
     */
    static UploadFormat of(String container, String decoder) {
        String codec = decoder == null ? "" : decoder.toLowerCase(Locale.ROOT);
        switch (container == null ? "" : container) {
            case "mp3":
                return codec.startsWith("mp3") ? MP3 : null;
            case "wav":
                return codec.startsWith("pcm_") ? WAV : null;
            case "mov,mp4,m4a,3gp,3g2,mj2":
                return codec.startsWith("aac") ? M4A : null;
            case "aac":
                return codec.startsWith("aac") ? AAC : null;
            case "ogg":
                return codec.equals("opus") ? OGG_OPUS : codec.equals("vorbis") ? OGG_VORBIS : null;
            case "flac":
                return codec.equals("flac") ? FLAC : null;
            default:
                return null;
        }
    }
}
