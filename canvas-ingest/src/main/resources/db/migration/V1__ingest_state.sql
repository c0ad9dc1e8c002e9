-- Idempotent consumers: one row per event id processed (triggers and sync requests).
CREATE TABLE processed_event (
    event_id     VARCHAR(64) PRIMARY KEY,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- What canvas-ingest knows about one course of one district.
CREATE TABLE course_state (
    tenant              VARCHAR(100) NOT NULL,
    course_id           VARCHAR(32)  NOT NULL,
    -- when the roster (sections, enrollments, grading periods) was last read, for the max-age check
    roster_read_at      TIMESTAMP WITH TIME ZONE,
    -- when every assignment was last read (assignment-group triggers re-read them all)
    assignments_read_at TIMESTAMP WITH TIME ZONE,
    -- the incremental poller's graded_since watermark: the latest graded_at seen
    graded_since        TIMESTAMP WITH TIME ZONE,
    daily_sync_enabled  BOOLEAN NOT NULL DEFAULT FALSE,
    -- source version (epoch ms) of the daily-sync setting; an older setting never overwrites a newer one
    daily_sync_version  BIGINT  NOT NULL DEFAULT 0,
    last_full_sync_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant, course_id)
);

-- When one assignment and its scores were last re-read: a trigger whose event happened before is covered.
CREATE TABLE assignment_state (
    tenant        VARCHAR(100) NOT NULL,
    course_id     VARCHAR(32)  NOT NULL,
    assignment_id VARCHAR(32)  NOT NULL,
    read_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, course_id, assignment_id)
);
