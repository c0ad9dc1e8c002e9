-- Issue 6: pending items from campus-writes, roster and assignment names from canvas-changes, maintained counters
-- (so a course's view never scans its items), district health, category mapping overrides, richer run history.

-- NULL means "follows the district default" (ccsync.districts."<tenant>".daily-sync-default).
ALTER TABLE course_status ALTER COLUMN daily_sync_enabled DROP NOT NULL;
ALTER TABLE course_status ALTER COLUMN daily_sync_enabled DROP DEFAULT;
UPDATE course_status SET daily_sync_enabled = NULL WHERE daily_sync_version = 0;

ALTER TABLE course_status
    ADD COLUMN course_name     VARCHAR(512),
    ADD COLUMN published       BOOLEAN,
    ADD COLUMN roster_version  BIGINT NOT NULL DEFAULT -1,
    ADD COLUMN written_count   BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN skipped_count   BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN failed_count    BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN pending_count   BIGINT NOT NULL DEFAULT 0;

-- status is the effective status (PENDING while a newer write command waits for its outcome); outcome_status is
-- the last outcome's. source_version -1 means no outcome yet. written_* keep the last successful write.
ALTER TABLE item_status
    ADD COLUMN outcome_status   VARCHAR(16),
    ADD COLUMN pending_version  BIGINT,
    ADD COLUMN pending_since    TIMESTAMPTZ,
    ADD COLUMN written_score    DOUBLE PRECISION,
    ADD COLUMN written_at       TIMESTAMPTZ;

UPDATE item_status SET outcome_status = status;
UPDATE item_status SET written_score = score, written_at = occurred_at WHERE status = 'WRITTEN';

CREATE INDEX item_status_pending_course ON item_status (tenant, course_id, pending_since) WHERE status = 'PENDING';
CREATE INDEX item_status_pending_district ON item_status (tenant, pending_since) WHERE status = 'PENDING';
CREATE INDEX item_status_student ON item_status (tenant, course_id, user_id) WHERE kind = 'RESULT';
CREATE INDEX item_status_assignment ON item_status (tenant, course_id, assignment_id, kind);

-- Maintained item counts per course, assignment, kind, status and reason; reason_code is '' unless skipped or failed.
CREATE TABLE item_count (
    tenant         VARCHAR(64)  NOT NULL,
    course_id      VARCHAR(64)  NOT NULL,
    assignment_id  VARCHAR(64)  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    reason_code    VARCHAR(64)  NOT NULL,
    item_count     BIGINT       NOT NULL,
    PRIMARY KEY (tenant, course_id, assignment_id, kind, status, reason_code)
);

INSERT INTO item_count (tenant, course_id, assignment_id, kind, status, reason_code, item_count)
SELECT tenant, course_id, COALESCE(assignment_id, ''), kind, status,
       CASE WHEN status IN ('SKIPPED', 'FAILED') THEN COALESCE(reason_code, 'unknown') ELSE '' END, count(*)
FROM item_status
GROUP BY 1, 2, 3, 4, 5, 6;

UPDATE course_status c SET
    written_count = s.written, skipped_count = s.skipped, failed_count = s.failed, pending_count = s.pending
FROM (SELECT tenant, course_id,
             count(*) FILTER (WHERE status = 'WRITTEN') AS written,
             count(*) FILTER (WHERE status = 'SKIPPED') AS skipped,
             count(*) FILTER (WHERE status = 'FAILED') AS failed,
             count(*) FILTER (WHERE status = 'PENDING') AS pending
      FROM item_status GROUP BY tenant, course_id) s
WHERE c.tenant = s.tenant AND c.course_id = s.course_id;

-- Maintained result counts and the last score written, per student of a course.
CREATE TABLE student_status (
    tenant                      VARCHAR(64)  NOT NULL,
    course_id                   VARCHAR(64)  NOT NULL,
    user_id                     VARCHAR(64)  NOT NULL,
    written_count               BIGINT       NOT NULL DEFAULT 0,
    skipped_count               BIGINT       NOT NULL DEFAULT 0,
    failed_count                BIGINT       NOT NULL DEFAULT 0,
    pending_count               BIGINT       NOT NULL DEFAULT 0,
    last_written_at             TIMESTAMPTZ,
    last_written_score          DOUBLE PRECISION,
    last_written_assignment_id  VARCHAR(64),
    PRIMARY KEY (tenant, course_id, user_id)
);

INSERT INTO student_status (tenant, course_id, user_id, written_count, skipped_count, failed_count, pending_count,
                            last_written_at, last_written_score, last_written_assignment_id)
SELECT c.tenant, c.course_id, c.user_id, c.written, c.skipped, c.failed, c.pending, w.written_at, w.written_score,
       w.assignment_id
FROM (SELECT tenant, course_id, user_id,
             count(*) FILTER (WHERE status = 'WRITTEN') AS written,
             count(*) FILTER (WHERE status = 'SKIPPED') AS skipped,
             count(*) FILTER (WHERE status = 'FAILED') AS failed,
             count(*) FILTER (WHERE status = 'PENDING') AS pending
      FROM item_status WHERE kind = 'RESULT' AND user_id IS NOT NULL GROUP BY tenant, course_id, user_id) c
LEFT JOIN (SELECT DISTINCT ON (tenant, course_id, user_id) tenant, course_id, user_id, written_at, written_score,
                  assignment_id
           FROM item_status WHERE kind = 'RESULT' AND user_id IS NOT NULL AND written_at IS NOT NULL
           ORDER BY tenant, course_id, user_id, written_at DESC) w
  ON w.tenant = c.tenant AND w.course_id = c.course_id AND w.user_id = c.user_id;

CREATE INDEX course_status_failures ON course_status (tenant, failed_count DESC, pending_count DESC, course_id);

-- Assignment names and settings from canvas-changes; last_written_at from outcomes.
CREATE TABLE assignment_status (
    tenant           VARCHAR(64)  NOT NULL,
    course_id        VARCHAR(64)  NOT NULL,
    assignment_id    VARCHAR(64)  NOT NULL,
    title            VARCHAR(512),
    group_name       VARCHAR(256),
    points_possible  DOUBLE PRECISION,
    due_at           TIMESTAMPTZ,
    published        BOOLEAN,
    workflow_state   VARCHAR(32),
    source_version   BIGINT       NOT NULL DEFAULT -1,
    last_written_at  TIMESTAMPTZ,
    PRIMARY KEY (tenant, course_id, assignment_id)
);

INSERT INTO assignment_status (tenant, course_id, assignment_id, title, last_written_at)
SELECT tenant, course_id, assignment_id, max(title), max(written_at)
FROM item_status WHERE assignment_id IS NOT NULL
GROUP BY tenant, course_id, assignment_id;

-- The latest roster snapshot of each course (replaced whole when a newer one arrives).
CREATE TABLE course_section (
    tenant          VARCHAR(64)  NOT NULL,
    course_id       VARCHAR(64)  NOT NULL,
    section_id      VARCHAR(64)  NOT NULL,
    sis_section_id  VARCHAR(128),
    name            VARCHAR(256),
    PRIMARY KEY (tenant, course_id, section_id)
);

CREATE TABLE roster_member (
    tenant       VARCHAR(64)  NOT NULL,
    course_id    VARCHAR(64)  NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    section_id   VARCHAR(64)  NOT NULL,
    sis_user_id  VARCHAR(128),
    name         VARCHAR(256),
    login_id     VARCHAR(256),
    PRIMARY KEY (tenant, course_id, role, user_id, section_id)
);

CREATE INDEX roster_member_teacher_login ON roster_member (tenant, lower(login_id)) WHERE role = 'TEACHER';

-- The health of each district's IC connection, from campus-writer's DistrictStatusChanged.
CREATE TABLE district_status (
    tenant                 VARCHAR(64)  PRIMARY KEY,
    ic_available           BOOLEAN      NOT NULL,
    credentials_valid      BOOLEAN      NOT NULL,
    credentials_expire_at  TIMESTAMPTZ,
    message                TEXT,
    source_version         BIGINT       NOT NULL,
    occurred_at            TIMESTAMPTZ  NOT NULL
);

-- Category mapping overrides as status-service published them; course_id '' is the district-wide mapping.
CREATE TABLE category_mapping (
    tenant             VARCHAR(64)  NOT NULL,
    course_id          VARCHAR(64)  NOT NULL,
    canvas_group_name  VARCHAR(256) NOT NULL,
    ic_category_title  VARCHAR(256) NOT NULL,
    source_version     BIGINT       NOT NULL,
    changed_by         VARCHAR(256),
    changed_at         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant, course_id, canvas_group_name)
);

ALTER TABLE sync_run ADD COLUMN source_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sync_run_district ON sync_run (tenant, requested_at DESC);

CREATE INDEX processed_event_age ON processed_event (processed_at);
