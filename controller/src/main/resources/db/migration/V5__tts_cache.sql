-- Text-to-speech cache: a bulletin spoken once is kept as an ordinary media item, and the same normalised text in
-- the same voice by the same synthesiser version finds that item again instead of being spoken anew. Deleting the
-- media item forgets its cache rows, so the text is spoken again next time.

CREATE TABLE tts_cache (
    -- hex SHA-256 of the normalised text (NFC, whitespace collapsed, stripped)
    text_sha256   CHAR(64) NOT NULL,
    voice         VARCHAR(32) NOT NULL,
    -- the synthesiser and its version, e.g. "espeak-ng 1.51"
    synthesiser   VARCHAR(64) NOT NULL,
    media_id      BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (text_sha256, voice, synthesiser)
);
CREATE INDEX tts_cache_media ON tts_cache (media_id);
