package vn.loa.sim.audio;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes what a speaker plays with Concentus, mono at 48 kHz: received frames as they are; a missing frame from
 * the in-band FEC of the next one when it is here, else by packet-loss concealment. Optionally records every
 * sample played to a WAV file. Used from one thread.
 */
final class OpusPlayer implements AutoCloseable {
    /** One minute at 48 kHz. */
    static final long MAX_RECORDED_PAUSE_SAMPLES = 60L * Audio.SAMPLE_RATE;

    private static final Logger log = LoggerFactory.getLogger(OpusPlayer.class);

    private final OpusDecoder decoder;
    private final short[] pcm;
    private final WavWriter wav;
    private final AudioCounters counters;

    /** @param wav null records nothing */
    OpusPlayer(int samplesPerFrame, WavWriter wav, AudioCounters counters) {
        try {
            this.decoder = new OpusDecoder(Audio.SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refuses 48 kHz mono", e);
        }
        this.pcm = new short[samplesPerFrame];
        this.wav = wav;
        this.counters = counters;
    }

    /** Decodes and plays a frame; false if it does not decode (it is concealed instead and counted). */
    boolean play(byte[] frame) {
        try {
            output(decoder.decode(frame, 0, frame.length, pcm, 0, pcm.length, false));
            return true;
        } catch (OpusException | RuntimeException e) {
            counters.undecodableFrames.increment();
            log.debug("undecodable Opus frame ({} bytes): {}", frame.length, e.getMessage());
            conceal(null);
            return false;
        }
    }

    /**
     * The DAC plays silence through a pause of the source. Up to {@link #MAX_RECORDED_PAUSE_SAMPLES} of it is
     * recorded: a timestamp jump of hours must not fill the disk with zeros.
     */
    void silence(long samples) {
        Arrays.fill(pcm, (short) 0);
        for (long left = Math.min(samples, MAX_RECORDED_PAUSE_SAMPLES); left > 0; left -= pcm.length) {
            output((int) Math.min(left, pcm.length));
        }
    }

    void conceal(byte[] next) {
        try {
            int samples = next == null
                    ? decoder.decode(null, 0, 0, pcm, 0, pcm.length, false)
                    : decoder.decode(next, 0, next.length, pcm, 0, pcm.length, true);
            output(samples);
        } catch (OpusException | RuntimeException e) {
            log.debug("concealment failed: {}", e.getMessage());
            silence(pcm.length);
        }
    }

    private void output(int samples) {
        if (wav == null) {
            return;
        }
        try {
            wav.write(pcm, samples);
        } catch (IOException e) {
            log.warn("cannot write the WAV recording: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (wav != null) {
            wav.close();
        }
    }
}
