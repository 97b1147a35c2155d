package vn.loa.streamer.media;

/**
 * What one decoding pass found, and the rules that turn it into CORRUPT or TRUNCATED.
 *
 * @param decodedMillis     audio actually decoded
 * @param timelineMillis    from the first decoded frame's timestamp to the end of the last one: longer than
 *                          {@code decodedMillis} when the demuxer skipped damaged data
 * @param decodeErrors      errors FFmpeg reported while demuxing and decoding
 * @param firstError        the first of them, or null
 */
record DecodeSummary(long decodedMillis, long timelineMillis, int decodeErrors, String firstError) {

    /** More decoder errors than this mean damaged data, not a glitch such as a cut-off final frame. */
    static final int MAX_DECODE_ERRORS = 3;
    /** A hole in the timeline longer than this share of it means damaged data the demuxer skipped over. */
    static final double MAX_GAP_SHARE = 0.05;
    /** The file ends before this share of its declared duration: truncated. */
    static final double MIN_DECLARED_SHARE = 0.90;
    /** Differences shorter than this are rounding, padding and encoder delay, never damage. */
    static final long TOLERANCE_MILLIS = 1_000;

    /**
     * Refuses the upload when nothing decoded, when FFmpeg reported more than {@link #MAX_DECODE_ERRORS} errors or
     * the frames' timestamps skip more than {@link #MAX_GAP_SHARE} of the timeline (CORRUPT), or when the audio ends
     * before {@link #MIN_DECLARED_SHARE} of the duration its header declares (TRUNCATED).
     *
     * @param declaredMillis the longest duration the container or tags declare, 0 if none
     */
    void check(long declaredMillis) throws MediaRejectedException {
        if (decodedMillis == 0) {
            throw new MediaRejectedException(MediaRejection.CORRUPT,
                    "No audio could be decoded from the file" + errorDetail() + ".");
        }
        if (decodeErrors > MAX_DECODE_ERRORS) {
            throw new MediaRejectedException(MediaRejection.CORRUPT, "The audio is damaged: the decoder reported "
                    + decodeErrors + " errors" + errorDetail() + ".");
        }
        long gapMillis = timelineMillis - decodedMillis;
        if (gapMillis > TOLERANCE_MILLIS && gapMillis > MAX_GAP_SHARE * timelineMillis) {
            throw new MediaRejectedException(MediaRejection.CORRUPT, "The audio is damaged: "
                    + Durations.spoken(gapMillis) + " of it could not be decoded.");
        }
        long endMillis = Math.max(decodedMillis, timelineMillis);
        if (declaredMillis - endMillis > TOLERANCE_MILLIS && endMillis < MIN_DECLARED_SHARE * declaredMillis) {
            throw new MediaRejectedException(MediaRejection.TRUNCATED, "The file is cut short: its header declares "
                    + Durations.spoken(declaredMillis) + " but the audio ends after " + Durations.spoken(endMillis)
                    + ". Upload the complete file.");
        }
    }

    private String errorDetail() {
        return firstError == null ? "" : " (first: " + firstError + ")";
    }
}
