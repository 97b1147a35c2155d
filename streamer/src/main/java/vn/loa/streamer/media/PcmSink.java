package vn.loa.streamer.media;

/** Takes decoded 48 kHz mono signed 16-bit PCM in arbitrary chunks. */
@FunctionalInterface
interface PcmSink {
    void accept(short[] samples, int count) throws MediaRejectedException;
}
