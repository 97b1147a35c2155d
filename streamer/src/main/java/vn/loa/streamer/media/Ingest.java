package vn.loa.streamer.media;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload's way into the library, in two decoding passes so a 4-hour file never sits in memory: the first
 * checks the file and measures its loudness, the second applies the gain and encodes.
 */
final class Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    private final Path upload;
    private final String originalFileName;
    private final long size;
    private final String sha256;
    private final MediaLimits limits;

    Ingest(Path upload, String originalFileName, long size, String sha256, MediaLimits limits) {
        this.upload = upload;
        this.originalFileName = originalFileName;
        this.size = size;
        this.sha256 = sha256;
        this.limits = limits;
    }

    /** Writes the item's files into {@code staging} and describes it. */
    IngestedMedia run(Path staging) throws MediaRejectedException, IOException {
        String name = originalFileName == null ? sha256 : originalFileName;
        UploadFormat format;
        String title;
        String artist;
        long declaredMillis;
        DecodeSummary decoded;
        LoudnessMeter.Loudness loudness;
        try (UploadDecoder decoder = UploadDecoder.open(upload)) {
            format = decoder.format();
            AudioTags tags = AudioTags.read(upload, format);
            declaredMillis = Math.max(decoder.declaredMillis(), tags.declaredMillis());
            if (declaredMillis > limits.maxDuration().toMillis()) {
                throw new MediaRejectedException(MediaRejection.TOO_LONG, "The audio lasts "
                        + Durations.spoken(declaredMillis) + "; the limit is "
                        + Durations.spoken(limits.maxDuration()) + ".");
            }
            title = firstPresent(tags.title(), decoder.tag("title"), stem(originalFileName));
            artist = firstPresent(tags.artist(), decoder.tag("artist"), null);
            try (LoudnessMeter meter = new LoudnessMeter()) {
                decoded = decoder.decode(meter::accept, limits.maxDuration(),
                        new IngestProgress("Analysing " + name, declaredMillis));
                loudness = meter.finish();
            }
        }
        decoded.check(declaredMillis);
        if (loudness.allZero() || loudness.integratedLufs() <= MediaLibrary.SILENCE_LUFS) {
            throw new MediaRejectedException(MediaRejection.SILENT, "The file holds no audible sound (integrated "
                    + "loudness at or below " + MediaLibrary.SILENCE_LUFS + " LUFS).");
        }
        double gainDb = Math.min(MediaLibrary.TARGET_LUFS - loudness.integratedLufs(),
                MediaLibrary.MAX_TRUE_PEAK_DBTP - loudness.truePeakDbtp());
        LOG.debug("{}: {} LUFS, true peak {} dBTP, gain {} dB", sha256, loudness.integratedLufs(),
                loudness.truePeakDbtp(), gainDb);

        try (UploadDecoder decoder = UploadDecoder.open(upload);
             NormalisingEncoder encoder = new NormalisingEncoder(staging.resolve(MediaLibrary.FRAMES_FILE),
                     staging.resolve(MediaLibrary.LISTEN_FILE), gainDb)) {
            decoder.decode(encoder, limits.maxDuration(),
                    new IngestProgress("Encoding " + name, decoded.decodedMillis()));
            encoder.finish();
        }
        return new IngestedMedia(sha256, title, artist, format.label(), decoded.decodedMillis(),
                loudness.integratedLufs(), gainDb, MediaLibrary.FRAME_MILLIS, size);
    }

    private static String firstPresent(String first, String second, String otherwise) {
        return first != null ? first : second != null ? second : otherwise;
    }

    /** The file name without directories and extension; "untitled" when nothing is left. */
    static String stem(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        name = name.strip();
        return name.isEmpty() ? "untitled" : name;
    }
}
