package vn.loa.bench.support;

import java.util.ArrayList;
import java.util.List;
import vn.loa.streamer.opus.OpusEncoder;
import vn.loa.streamer.opus.OpusSettings;

/** A tone encoded once as a media item is: Opus frames of the pre-recorded settings (60 ms), to be looped. */
public final class PreEncodedTone {
    private PreEncodedTone() {
    }

    public static List<byte[]> frames(double frequencyHz, int seconds) {
        List<byte[]> frames = new ArrayList<>();
        TonePcm tone = new TonePcm(frequencyHz);
        try (OpusEncoder encoder = new OpusEncoder(OpusSettings.prerecorded())) {
            int frameCount = seconds * OpusEncoder.SAMPLE_RATE / encoder.samplesPerFrame();
            for (int i = 0; i < frameCount; i++) {
                frames.add(encoder.encode(tone.next(encoder.samplesPerFrame()), 0));
            }
        }
        return List.copyOf(frames);
    }
}
