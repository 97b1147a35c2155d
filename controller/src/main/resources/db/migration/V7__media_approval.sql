-- Content workflow: a media item is a draft until an approver approves it, and only approved items go on air.
-- Items uploaded before this migration predate the workflow: they were already on air, so they become approved
-- (with no approver recorded, and a note saying why). Spoken bulletins are kind 'tts' with their voice; the text of
-- those spoken before this migration was never kept (only its hash, in tts_cache), so it stays null.

ALTER TABLE media ADD COLUMN approval VARCHAR(16) DEFAULT 'approved' NOT NULL;
ALTER TABLE media ALTER COLUMN approval DROP DEFAULT;
-- who approved or rejected the item last, and when; null while it is a draft
ALTER TABLE media ADD COLUMN approved_by VARCHAR(64);
ALTER TABLE media ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
-- the reviewer's note (a rejection's reason)
ALTER TABLE media ADD COLUMN review_note VARCHAR(1000);
-- upload | tts
ALTER TABLE media ADD COLUMN kind VARCHAR(16) DEFAULT 'upload' NOT NULL;
ALTER TABLE media ALTER COLUMN kind DROP DEFAULT;
-- a spoken bulletin's text (normalised) and voice
ALTER TABLE media ADD COLUMN text VARCHAR(5000);
ALTER TABLE media ADD COLUMN voice VARCHAR(32);
-- the uploader's area scope: who sees the item; null for the whole installation
ALTER TABLE media ADD COLUMN area_id BIGINT REFERENCES areas (id);
CREATE INDEX media_approval ON media (approval);
CREATE INDEX media_area ON media (area_id);

UPDATE media SET review_note = 'uploaded before the content workflow, approved by migration V7';
UPDATE media SET kind = 'tts', voice = (SELECT MIN(c.voice) FROM tts_cache c WHERE c.media_id = media.id)
    WHERE id IN (SELECT media_id FROM tts_cache);
