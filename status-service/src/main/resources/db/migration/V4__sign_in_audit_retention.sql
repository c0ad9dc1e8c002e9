-- Issue 16: sign-in with the district's identity provider and from Canvas (LTI 1.3), the audit of who changed what,
-- and outcome retention.

-- Every state-changing action (sync now, daily schedule, category mapping), written in the change's transaction.
CREATE TABLE audit_event (
    id           BIGSERIAL    PRIMARY KEY,
    tenant       VARCHAR(64)  NOT NULL,
    course_id    VARCHAR(64),
    action       VARCHAR(64)  NOT NULL,
    target       VARCHAR(256),
    new_value    VARCHAR(512),
    actor        VARCHAR(256) NOT NULL,
    sign_in      VARCHAR(16)  NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX audit_event_district ON audit_event (tenant, occurred_at DESC);
CREATE INDEX audit_event_age ON audit_event (occurred_at);

-- An LTI login initiation waiting for its launch: the state and nonce sent to Canvas. A launch uses it once.
CREATE TABLE lti_login (
    state       VARCHAR(64)  PRIMARY KEY,
    nonce       VARCHAR(64)  NOT NULL UNIQUE,
    tenant      VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    used_at     TIMESTAMPTZ
);

CREATE INDEX lti_login_age ON lti_login (created_at);

-- The browser session a verified launch opens; the cookie holds a random id, the table only its SHA-256.
CREATE TABLE lti_session (
    id_hash     VARCHAR(64)  PRIMARY KEY,
    tenant      VARCHAR(64)  NOT NULL,
    course_id   VARCHAR(64),
    admin       BOOLEAN      NOT NULL,
    user_name   VARCHAR(256) NOT NULL,
    login       VARCHAR(256),
    created_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX lti_session_expiry ON lti_session (expires_at);

-- Outcome retention finds a district's old items and runs by age.
CREATE INDEX item_status_age ON item_status (tenant, occurred_at);
CREATE INDEX sync_run_age ON sync_run (tenant, requested_at);
