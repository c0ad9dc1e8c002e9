-- A job that must run once across replicas holds its lease: acquired only when expired or already held by the
-- same holder, renewed while the job runs, released after.
CREATE TABLE scheduler_lease (
    name       VARCHAR(100) PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The local date (in ccsync.daily-sync.time-zone) of the course's last scheduled daily reconciliation.
ALTER TABLE course_state ADD COLUMN last_daily_run_on DATE;

-- read_at now means "scores re-read at"; a score re-read no longer always re-reads the assignment itself.
ALTER TABLE assignment_state ALTER COLUMN read_at DROP NOT NULL;
-- when the assignment itself was last re-read by a trigger or a reconciliation
ALTER TABLE assignment_state ADD COLUMN assignment_read_at TIMESTAMP WITH TIME ZONE;
-- hash of the assignment as Canvas last returned it (or 'deleted'), for the poller's assignments check
ALTER TABLE assignment_state ADD COLUMN content_hash VARCHAR(64);
