-- Each ledger row keeps the course, the class, the command that set it and the body IC received, so a course can be
-- verified against IC and repaired by writing the same command again.
ALTER TABLE write_ledger ADD COLUMN course_id varchar(100);
ALTER TABLE write_ledger ADD COLUMN class_sourced_id varchar(255);
ALTER TABLE write_ledger ADD COLUMN command text;
ALTER TABLE write_ledger ADD COLUMN body text;
CREATE INDEX write_ledger_course ON write_ledger (tenant, course_id);

-- A category or grading period a teacher chose in IC for one lineItem, kept over the mapping (policy "keep").
CREATE TABLE kept_ic_value (
    line_item_sourced_id      varchar(255) PRIMARY KEY,
    tenant                    varchar(100) NOT NULL,
    category_sourced_id       varchar(255),
    grading_period_sourced_id varchar(255),
    kept_at                   timestamptz  NOT NULL
);

-- The latest verification of each course against IC.
CREATE TABLE course_verification (
    tenant        varchar(100) NOT NULL,
    course_id     varchar(100) NOT NULL,
    verification_id varchar(64) NOT NULL,
    verified_at   timestamptz  NOT NULL,
    trigger       varchar(40)  NOT NULL,
    run_id        varchar(100),
    mode          varchar(20)  NOT NULL,
    ic_requests   int          NOT NULL,
    found         int          NOT NULL,
    repaired      int          NOT NULL,
    PRIMARY KEY (tenant, course_id)
);

-- Every difference one verification found, with IC's value, Canvas's value and what was done about it.
CREATE TABLE drift_finding (
    id               bigserial    PRIMARY KEY,
    verification_id  varchar(64)  NOT NULL,
    tenant           varchar(100) NOT NULL,
    course_id        varchar(100) NOT NULL,
    found_at         timestamptz  NOT NULL,
    sourced_id       varchar(255) NOT NULL,
    kind             varchar(20)  NOT NULL,
    class_sourced_id varchar(255),
    difference       varchar(40)  NOT NULL,
    field            varchar(40),
    ic_value         varchar(2000),
    canvas_value     varchar(2000),
    action           varchar(20)  NOT NULL,
    message          varchar(2000) NOT NULL
);
CREATE INDEX drift_finding_verification ON drift_finding (verification_id);

-- Writes held for a district admin's decision (a burst of lineItem deletes); nothing held is sent until released.
CREATE TABLE held_change (
    id          bigserial    PRIMARY KEY,
    tenant      varchar(100) NOT NULL,
    course_id   varchar(100) NOT NULL,
    reason_code varchar(50)  NOT NULL,
    reason      varchar(2000) NOT NULL,
    status      varchar(20)  NOT NULL,
    held_at     timestamptz  NOT NULL,
    decided_by  varchar(255),
    decided_at  timestamptz
);
CREATE INDEX held_change_course ON held_change (tenant, course_id, status);

CREATE TABLE held_command (
    id                bigserial    PRIMARY KEY,
    hold_id           bigint       NOT NULL REFERENCES held_change (id),
    event_id          varchar(64)  NOT NULL UNIQUE,
    target_sourced_id varchar(255) NOT NULL,
    description       varchar(2000) NOT NULL,
    command           text         NOT NULL,
    released_event_id varchar(64)
);
CREATE INDEX held_command_hold ON held_command (hold_id);
CREATE INDEX held_command_released ON held_command (released_event_id);
