-- Broadcasts (source + targets + priority + window) and proof of play: one delivery row per targeted speaker.

CREATE TABLE broadcasts (
    id               VARCHAR(32) PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    -- the source as asked for, JSON: {"type":"media","media":[1,2]} | relay | live | tts
    source_json      VARCHAR(8000) NOT NULL,
    -- the targets as asked for, JSON: {"devices":[..],"groups":[..],"areas":[..]}
    targets_json     VARCHAR(8000) NOT NULL,
    -- NORMAL | PRIORITY | EMERGENCY
    priority         VARCHAR(16) NOT NULL,
    -- volume for the broadcast's duration (0..100), null to keep each speaker's own; EMERGENCY plays at 100
    volume           SMALLINT,
    created_by       VARCHAR(64) NOT NULL,
    -- the creator's area scope (null: the whole installation), kept so a restored broadcast acts within it
    created_by_area  BIGINT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- when the window closes on its own; null: when the source ends or someone stops it
    ends_at          TIMESTAMP WITH TIME ZONE,
    -- the schedule and occurrence this broadcast plays, null for one started by hand
    schedule_id      BIGINT,
    occurrence_at    TIMESTAMP WITH TIME ZONE,
    -- active | ended
    status           VARCHAR(16) NOT NULL,
    ended_at         TIMESTAMP WITH TIME ZONE,
    -- why it ended: source-ended | stopped | window-closed | relay-dead | server-restart | failed: ...
    end_reason       VARCHAR(256),
    ended_by         VARCHAR(64)
);
CREATE INDEX broadcasts_status ON broadcasts (status);
CREATE INDEX broadcasts_created ON broadcasts (created_at);
CREATE UNIQUE INDEX broadcasts_occurrence ON broadcasts (schedule_id, occurrence_at);

CREATE TABLE deliveries (
    broadcast_id     VARCHAR(32) NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    device_id        VARCHAR(64) NOT NULL,
    -- the speaker's area when the broadcast reached it, for the airtime report
    area_id          BIGINT,
    -- pending | playing | preempted | played | partly_played | offline | rejected | failed
    outcome          VARCHAR(16) NOT NULL,
    reason           VARCHAR(256),
    first_started_at TIMESTAMP WITH TIME ZONE,
    last_ended_at    TIMESTAMP WITH TIME ZONE,
    seconds_played   DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- how many times a higher broadcast took the speaker away
    preemptions      INT NOT NULL DEFAULT 0,
    -- from the speaker's RTCP receiver reports: fraction of packets lost (0..1), interarrival jitter
    loss_fraction    REAL,
    jitter_ms        REAL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (broadcast_id, device_id)
);
CREATE INDEX deliveries_device ON deliveries (device_id);
CREATE INDEX deliveries_area_started ON deliveries (area_id, first_started_at);
