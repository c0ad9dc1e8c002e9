-- Issue 14: each course's latest verification against IC (differences as JSON) and the changes held for an admin.
CREATE TABLE course_drift (
    tenant          VARCHAR(64)  NOT NULL,
    course_id       VARCHAR(64)  NOT NULL,
    verification_id VARCHAR(64)  NOT NULL,
    verified_at     TIMESTAMPTZ  NOT NULL,
    trigger         VARCHAR(32)  NOT NULL,
    run_id          VARCHAR(64),
    mode            VARCHAR(16)  NOT NULL,
    ic_reads        INT          NOT NULL,
    found           INT          NOT NULL,
    repaired        INT          NOT NULL,
    differences     TEXT         NOT NULL,
    source_version  BIGINT       NOT NULL,
    PRIMARY KEY (tenant, course_id)
);

CREATE TABLE held_change (
    tenant         VARCHAR(64)   NOT NULL,
    hold_id        BIGINT        NOT NULL,
    course_id      VARCHAR(64)   NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    reason_code    VARCHAR(64)   NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    writes         TEXT          NOT NULL,
    held_at        TIMESTAMPTZ   NOT NULL,
    decided_by     VARCHAR(256),
    decided_at     TIMESTAMPTZ,
    source_version BIGINT        NOT NULL,
    PRIMARY KEY (tenant, hold_id)
);
CREATE INDEX held_change_course ON held_change (tenant, course_id);
