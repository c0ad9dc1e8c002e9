-- Whether Canvas's students/submissions will serve the assignment's scores: it covers published assignments only
-- and refuses (403) a request naming any other. Null: not known yet.
ALTER TABLE assignment_state ADD COLUMN published BOOLEAN;

-- Events raised outside a course name only their assignment: finding its course by assignment id.
CREATE INDEX assignment_state_by_assignment ON assignment_state (tenant, assignment_id);
