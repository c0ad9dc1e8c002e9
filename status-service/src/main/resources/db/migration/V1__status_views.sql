-- status-service owns these views; they are rebuilt from the sync-outcomes topic.

CREATE TABLE processed_event (
    event_id     VARCHAR(64) PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE course_status (
    tenant              VARCHAR(64)  NOT NULL,
    course_id           VARCHAR(64)  NOT NULL,
    last_success_at     TIMESTAMPTZ,
    last_outcome_at     TIMESTAMPTZ,
    daily_sync_enabled  BOOLEAN      NOT NULL DEFAULT FALSE,
    daily_sync_version  BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, course_id)
);

-- The latest outcome of every item; a newer source version always wins over an older one.
CREATE TABLE item_status (
    tenant            VARCHAR(64)  NOT NULL,
    course_id         VARCHAR(64)  NOT NULL,
    item_key          VARCHAR(200) NOT NULL,
    kind              VARCHAR(16)  NOT NULL,
    assignment_id     VARCHAR(64),
    user_id           VARCHAR(64),
    class_sourced_id  VARCHAR(128),
    sourced_id        VARCHAR(128),
    title             VARCHAR(512),
    status            VARCHAR(16)  NOT NULL,
    reason_code       VARCHAR(64),
    message           TEXT,
    category          VARCHAR(256),
    grading_period    VARCHAR(128),
    score             DOUBLE PRECISION,
    source_version    BIGINT       NOT NULL,
    occurred_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant, course_id, item_key)
);

CREATE INDEX item_status_course_status ON item_status (tenant, course_id, status, reason_code);

CREATE TABLE sync_run (
    run_id        VARCHAR(64)  PRIMARY KEY,
    tenant        VARCHAR(64)  NOT NULL,
    course_id     VARCHAR(64)  NOT NULL,
    sync_trigger  VARCHAR(16)  NOT NULL,
    requested_by  VARCHAR(256),
    requested_at  TIMESTAMPTZ  NOT NULL,
    stage         VARCHAR(32)  NOT NULL,
    assignments   INTEGER      NOT NULL DEFAULT 0,
    scores        INTEGER      NOT NULL DEFAULT 0,
    message       TEXT,
    updated_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX sync_run_course ON sync_run (tenant, course_id, requested_at DESC);
